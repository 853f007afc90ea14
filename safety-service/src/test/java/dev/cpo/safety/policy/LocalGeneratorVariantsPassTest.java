package dev.cpo.safety.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Decision;
import dev.cpo.events.Verdict;
import dev.cpo.safety.local.LocalScreener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generation service's local generator writes from approved copy; the default policy must let it through.
 * {@code fixtures/local-generator-variants.jsonl}: 93 variants (31 three-snippet content sets of the shipped corpus ×
 * 3 tones, six segments) written by generation-service's LocalGroundedGenerator (grounded-composer-1); regenerate it
 * when that generator's wording changes (the command is in safety-service/README.md).
 */
class LocalGeneratorVariantsPassTest {

    @Test
    void atLeastNinetyPercentOfTheLocalGeneratorsVariantsPass() throws IOException {
        ScreeningPolicy policy = new ScreeningPolicy("1", Map.of(), "local");
        LocalScreener screener = new LocalScreener();
        ObjectMapper json = new ObjectMapper();
        int total = 0;
        List<String> blocked = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/fixtures/local-generator-variants.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode variant = json.readTree(line);
                Verdict verdict = policy.decide(screener.screen(variant.get("subject").asText() + "\n\n"
                        + variant.get("body").asText()), screener.provider());
                total++;
                if (verdict.decision() == Decision.BLOCK) {
                    blocked.add(variant.get("segment").asText() + "/" + variant.get("tone").asText() + ": "
                            + verdict.reasons());
                }
            }
        }
        assertThat(total).isEqualTo(93);
        assertThat(total - blocked.size()).as("passed, blocked: %s", blocked).isGreaterThanOrEqualTo(total * 9 / 10);
    }
}
