package dev.cpo.safety.azure;

import static dev.cpo.safety.azure.AzureContentSafetyScreener.MAX_CHUNK_CHARS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AzureContentSafetyChunksTest {

    @Test
    void textWithinTheLimitIsOneChunk() {
        String text = "a".repeat(MAX_CHUNK_CHARS);

        assertThat(AzureContentSafetyScreener.chunks(text)).containsExactly(text);
        assertThat(AzureContentSafetyScreener.chunks("")).containsExactly("");
    }

    @Test
    void longTextIsCutAtTheLastWhitespaceBeforeTheLimit() {
        String text = "x".repeat(9_990) + " " + "y".repeat(20) + "\n" + "z".repeat(9_000);

        List<String> chunks = AzureContentSafetyScreener.chunks(text);

        assertThat(chunks).containsExactly("x".repeat(9_990), " " + "y".repeat(20) + "\n" + "z".repeat(9_000));
        assertThat(String.join("", chunks)).isEqualTo(text);
    }

    @Test
    void whitespaceExactlyAtTheLimitIsUsed() {
        String text = "x".repeat(MAX_CHUNK_CHARS) + " " + "y".repeat(5);

        assertThat(AzureContentSafetyScreener.chunks(text)).containsExactly("x".repeat(MAX_CHUNK_CHARS),
                " " + "y".repeat(5));
    }

    @Test
    void withoutWhitespaceNearTheLimitTheCutIsAtTheLimit() {
        String text = "x".repeat(5_000) + " " + "y".repeat(20_000);

        List<String> chunks = AzureContentSafetyScreener.chunks(text);

        assertThat(chunks).extracting(String::length).containsExactly(MAX_CHUNK_CHARS, MAX_CHUNK_CHARS, 5_001);
        assertThat(String.join("", chunks)).isEqualTo(text);
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "x".repeat(MAX_CHUNK_CHARS - 1) + "\uD83D\uDE00" + "y".repeat(10);

        List<String> chunks = AzureContentSafetyScreener.chunks(text);

        assertThat(chunks).containsExactly("x".repeat(MAX_CHUNK_CHARS - 1), "\uD83D\uDE00" + "y".repeat(10));
    }

    @Test
    void aTwentyFiveThousandCharacterTextMakesThreeChunksOfAtMostTheLimit() {
        String text = ("lorem ipsum dolor sit amet ").repeat(1_000).substring(0, 25_000);

        List<String> chunks = AzureContentSafetyScreener.chunks(text);

        assertThat(chunks).extracting(String::length).allSatisfy(length -> assertThat(length)
                .isLessThanOrEqualTo(MAX_CHUNK_CHARS));
        assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk).doesNotStartWith("orem"));
        assertThat(chunks.get(0).length()).isGreaterThan(MAX_CHUNK_CHARS - 30);
        assertThat(chunks.get(1).length()).isGreaterThan(MAX_CHUNK_CHARS - 30);
        assertThat(String.join("", chunks)).isEqualTo(text);
    }
}
