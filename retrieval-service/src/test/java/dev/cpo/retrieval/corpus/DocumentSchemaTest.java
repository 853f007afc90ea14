package dev.cpo.retrieval.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON Schema that authors and editors see says what the loader enforces. */
class DocumentSchemaTest {

    private final JsonNode schema = read();

    @Test
    void schemaListsTheSameVocabulariesAsTheLoader() {
        assertThat(strings(schema.at("/properties/category/enum")))
                .containsExactlyInAnyOrderElementsOf(CorpusVocabulary.CATEGORIES);
        assertThat(strings(schema.at("/properties/audience/items/enum")))
                .containsExactlyInAnyOrderElementsOf(CorpusVocabulary.AUDIENCES);
        assertThat(strings(schema.at("/properties/approval/properties/status/enum")))
                .containsExactly("approved", "draft");
    }

    @Test
    void schemaStatesTheSameRequiredFieldsAndLimits() {
        assertThat(strings(schema.at("/required")))
                .containsExactlyInAnyOrder("id", "title", "category", "audience", "paragraphs", "approval");
        assertThat(strings(schema.at("/properties/approval/required"))).containsExactlyInAnyOrder("status",
                "expiresAt");
        assertThat(strings(schema.at("/properties/approval/then/required")))
                .containsExactlyInAnyOrder("approvedBy", "approvedAt");
        assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/paragraphs/minItems").asInt()).isEqualTo(CorpusVocabulary.MIN_PARAGRAPHS);
        assertThat(schema.at("/properties/paragraphs/maxItems").asInt()).isEqualTo(CorpusVocabulary.MAX_PARAGRAPHS);
        assertThat(schema.at("/properties/title/maxLength").asInt()).isEqualTo(CorpusVocabulary.MAX_TITLE_LENGTH);
        assertThat(schema.at("/properties/id/maxLength").asInt()).isEqualTo(CorpusVocabulary.MAX_ID_LENGTH);
    }

    @Test
    void schemaWordPatternAllowsTwoHundredWordsAndNoMore() {
        Pattern words = Pattern.compile(schema.at("/properties/paragraphs/items/pattern").asText());

        assertThat(words.matcher("word ".repeat(200).strip()).matches()).isTrue();
        assertThat(words.matcher("word ".repeat(201).strip()).matches()).isFalse();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static JsonNode read() {
        try (InputStream in = DocumentSchemaTest.class.getClassLoader()
                .getResourceAsStream("corpus/document.schema.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
