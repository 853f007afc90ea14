package dev.cpo.generation.prompt;

import static dev.cpo.generation.TestContent.CHAMPIONS;
import static dev.cpo.generation.TestContent.CHAMPION_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Tone;
import dev.cpo.generation.generate.GenerationRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplatesTest {

    private static final List<String> FILES = List.of("prompt.properties", "system.txt", "user.txt",
            "tone-urgent.txt", "tone-informational.txt", "tone-friendly.txt");

    @Test
    void rendersTheSegmentTheToneRulesAndNumberedSnippets() {
        PromptTemplates templates = PromptTemplates.fromClasspath();
        RenderedPrompt prompt = templates.render(GenerationRequest.first(CHAMPIONS, CHAMPION_CONTENT, Tone.URGENT));

        assertThat(prompt.version()).isEqualTo(templates.version()).matches("v1-[0-9a-f]{8}");
        assertThat(prompt.system()).contains("\"Champions\"", "rfm-champions", "Tone: urgent", "Write with urgency",
                "at most 60 characters", "between 150 and 200 words", "[n], where n is the snippet's number")
                .doesNotContain("{{");
        assertThat(prompt.user())
                .contains("[1] Birthday vouchers for Trail Club members (documentId birthday-rewards,"
                        + " paragraphIndex 0)")
                .contains("[2] Black Friday 2026: up to 30% off (documentId black-friday-2026, paragraphIndex 1)")
                .contains("[3] Delivery options", "£3.95").doesNotContain("rejected", "{{");
    }

    @Test
    void eachToneHasItsOwnInstructions() {
        PromptTemplates templates = PromptTemplates.fromClasspath();
        List<String> systems = List.of(Tone.values()).stream()
                .map(tone -> templates.render(GenerationRequest.first(CHAMPIONS, CHAMPION_CONTENT, tone)).system())
                .toList();
        assertThat(systems).doesNotHaveDuplicates();
        assertThat(systems.get(1)).contains("Write informatively");
        assertThat(systems.get(2)).contains("Write warmly");
    }

    @Test
    void aRegenerationTellsTheModelWhyTheFirstAnswerWasRejected() {
        RenderedPrompt prompt = PromptTemplates.fromClasspath().render(GenerationRequest
                .first(CHAMPIONS, CHAMPION_CONTENT, Tone.FRIENDLY).retry("the body has 90 words"));
        assertThat(prompt.user()).contains("Your previous answer was rejected: the body has 90 words.");
    }

    @Test
    void aDirectoryOverridesTheJarAndAnyEditChangesTheVersion(@TempDir Path dir) throws IOException {
        copyJarTemplates(dir);
        PromptTemplates jar = PromptTemplates.fromClasspath();
        assertThat(PromptTemplates.fromDirectory(dir).version()).isEqualTo(jar.version());

        Files.writeString(dir.resolve("tone-friendly.txt"), "Write like an old friend.");
        PromptTemplates edited = PromptTemplates.fromDirectory(dir);
        assertThat(edited.version()).startsWith("v1-").isNotEqualTo(jar.version());
        assertThat(edited.render(GenerationRequest.first(CHAMPIONS, CHAMPION_CONTENT, Tone.FRIENDLY)).system())
                .contains("Write like an old friend.");

        Files.writeString(dir.resolve("prompt.properties"), "version=2\n");
        assertThat(PromptTemplates.fromDirectory(dir).version()).startsWith("v2-");
    }

    @Test
    void anUnknownVariableOrAMissingFileFailsAtLoading(@TempDir Path dir) throws IOException {
        copyJarTemplates(dir);
        Files.writeString(dir.resolve("user.txt"), "Hello {{customer_name}} of {{segment_label}}");
        assertThatThrownBy(() -> PromptTemplates.fromDirectory(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user.txt uses unknown variables [customer_name]");

        Files.delete(dir.resolve("user.txt"));
        assertThatThrownBy(() -> PromptTemplates.fromDirectory(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read prompt template");
    }

    private static void copyJarTemplates(Path dir) throws IOException {
        for (String file : FILES) {
            try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream("prompts/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
    }
}
