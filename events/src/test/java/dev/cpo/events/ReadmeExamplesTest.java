package dev.cpo.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README is what other teams integrate against: its examples must decode and validate. */
class ReadmeExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([a-z-]+) -->\\s*```json\\n(.*?)\\n```",
            Pattern.DOTALL);

    private record Example(String topic, String json) {
    }

    private static List<Example> examples() throws Exception {
        // surefire runs in the module directory
        String readme = Files.readString(Path.of("README.md"), UTF_8);
        List<Example> examples = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(readme);
        while (m.find()) {
            examples.add(new Example(m.group(1), m.group(2)));
        }
        return examples;
    }

    @Test
    void everyTopicHasAnExampleInTheReadme() throws Exception {
        Set<String> topics = new HashSet<>();
        examples().forEach(e -> topics.add(e.topic()));
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.PIPELINE);
    }

    @Test
    void everyReadmeExampleDecodesAndValidatesAgainstItsTopicSchema() throws Exception {
        List<Example> examples = examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(Topics.PIPELINE.size());
        for (Example example : examples) {
            CpoEvent event = EventCodec.decode(example.json().getBytes(UTF_8), Topics.eventType(example.topic()));
            assertThat(event.schemaVersion()).isEqualTo(1);
            assertThat(Schemas.validate(example.topic(), EventCodec.mapper().readTree(example.json())))
                    .as("schema errors in the %s example", example.topic()).isEmpty();
        }
    }

    @Test
    void theReadmeDocumentsEveryTopicAndTheDeadLetterHeader() throws Exception {
        String readme = Files.readString(Path.of("README.md"), UTF_8);
        for (String topic : Topics.PIPELINE) {
            assertThat(readme).contains("## `" + topic + "`");
        }
        assertThat(readme).contains(Topics.DEAD_LETTER_REASON_HEADER).contains("-dlq");
    }
}
