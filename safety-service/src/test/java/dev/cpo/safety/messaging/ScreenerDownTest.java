package dev.cpo.safety.messaging;

import static dev.cpo.testing.TopicProbe.awaitOne;
import static dev.cpo.testing.TopicProbe.deadLetterReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.EventCodec;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.events.VariantsEvent;
import dev.cpo.safety.TestVariants;
import dev.cpo.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Provider down: nothing passes. The Azure screener points at a port nobody listens on. */
@QuarkusTest
@TestProfile(ScreenerDownTest.AzureUnreachable.class)
class ScreenerDownTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Azure AI Content Safety configured, but unreachable. */
    public static class AzureUnreachable implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpo.safety.provider", "azure-content-safety", "cpo.safety.azure.endpoint",
                    "https://127.0.0.1:9", "cpo.safety.azure.api-key", "test-key-not-secret",
                    "cpo.safety.azure.max-retries", "0", "cpo.safety.azure.timeout", "PT2S");
        }
    }

    @Test
    void whenTheScreenerIsDownNothingPassesAndTheRecordIsHeldWithTheReason() {
        try (TopicProbe kafka = new TopicProbe(bootstrapServers);
                ConsumerTask<String, byte[]> screened = kafka.consume(Topics.SCREENED);
                ConsumerTask<String, byte[]> deadLetters = kafka.consume(Topics.dlq(Topics.VARIANTS))) {
            VariantsEvent first = TestVariants.event(
                    List.of(TestVariants.variant("var-down-" + UUID.randomUUID(), Tone.URGENT, TestVariants.CLEAN)));
            VariantsEvent second = TestVariants.event(
                    List.of(TestVariants.variant("var-down-" + UUID.randomUUID(), Tone.FRIENDLY, TestVariants.CLEAN)));
            kafka.send(Topics.VARIANTS, first.customerId(), EventCodec.encode(first));
            kafka.send(Topics.VARIANTS, second.customerId(), EventCodec.encode(second));

            for (VariantsEvent event : List.of(first, second)) {
                assertThat(deadLetterReason(awaitOne(deadLetters, event.customerId())))
                        .startsWith("screening unavailable: ").doesNotContain("test-key-not-secret");
            }
            assertThat(screened.getRecords()).noneMatch(r -> r.key().equals(first.customerId())
                    || r.key().equals(second.customerId()));
        }
    }
}
