package dev.cpo.generation.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cpo.generation.TestContent.CHAMPION_CONTENT;
import static dev.cpo.generation.TestContent.FEATURES;
import static dev.cpo.testing.TopicProbe.awaitOne;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.events.Variant;
import dev.cpo.events.VariantsEvent;
import dev.cpo.testing.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service with the Azure OpenAI provider, on the real broker and database, against a stub of the REST
 * contract: N customers of one segment cost three HTTP calls; a filtered tone is an invalid variant, not a crash;
 * a provider outage dead-letters the records with the reason instead of inventing variants.
 */
@QuarkusTest
@TestProfile(AzureOpenAiProfile.class)
class AzureOpenAiFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    MeterRegistry registry;

    private TopicProbe kafka;
    private ConsumerTask<String, byte[]> variants;
    private ConsumerTask<String, byte[]> deadLetters;

    @BeforeEach
    void connect() {
        kafka = new TopicProbe(bootstrapServers);
        variants = kafka.consume(Topics.VARIANTS);
        deadLetters = kafka.consume(Topics.dlq(Topics.CONTENT));
        AzureOpenAiStub.server.resetRequests();
    }

    @AfterEach
    void disconnect() {
        variants.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void customersOfOneSegmentCostThreeModelCallsAndAFilteredToneIsInvalid() {
        Segment segment = new Segment("azure-" + UUID.randomUUID(), "Champions", "rfm", "rfm-test");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ContentEvent event = content(segment);
            customers.add(event.customerId());
            send(event);
        }

        for (String customer : customers) {
            VariantsEvent out = EventCodec.decode(awaitOne(variants, customer).value(), VariantsEvent.class);
            Variant urgent = out.variants().get(0);
            assertThat(urgent.tone()).isEqualTo(Tone.URGENT);
            assertThat(urgent.valid()).as(urgent.invalidReason()).isTrue();
            assertThat(urgent.generation().provider()).isEqualTo("azure-openai");
            assertThat(urgent.generation().model()).isEqualTo(AzureOpenAiStub.DEPLOYMENT);
            assertThat(urgent.generation().tokensIn()).isEqualTo(900);
            assertThat(urgent.generation().tokensOut()).isEqualTo(320);
            // 900 * 0.00015 / 1000 + 320 * 0.0006 / 1000
            assertThat(urgent.generation().cost()).isEqualByComparingTo("0.000327");
            assertThat(urgent.citations()).singleElement()
                    .satisfies(c -> assertThat(c.documentId()).isEqualTo("birthday-rewards"));
            assertThat(out.variants().get(1).valid()).isTrue();
            Variant friendly = out.variants().get(2);
            assertThat(friendly.valid()).isFalse();
            assertThat(friendly.invalidReason()).startsWith("filtered: ").contains("violence");
            assertThat(friendly.body()).isEmpty();
        }
        AzureOpenAiStub.server.verify(3, postRequestedFor(urlPathEqualTo(AzureOpenAiStub.PATH)));
        assertThat(sum("cpo.generation.model.calls", segment)).isEqualTo(3);
        assertThat(registry.find("cpo.generation.tokens").tag("segment", segment.id()).tag("direction", "in")
                .counter().count()).as("two answered calls; the filtered one (HTTP 400) reports no usage")
                .isEqualTo(1800);
        assertThat(sum("cpo.generation.cost.usd", segment)).isGreaterThan(0);
    }

    @Test
    void aProviderOutageDeadLettersTheRecordsWithTheReason() {
        Segment outage = new Segment("azure-" + UUID.randomUUID(), "Outage", "rfm", "rfm-test");
        ContentEvent first = content(outage);
        ContentEvent second = content(outage);
        send(first);
        send(second);

        for (ContentEvent event : List.of(first, second)) {
            ConsumerRecord<String, byte[]> dead = awaitOne(deadLetters, event.customerId());
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8);
            assertThat(reason).startsWith("generation unavailable: ").contains("503")
                    .doesNotContain(AzureOpenAiStub.API_KEY);
        }
        assertThat(variants.getRecords()).noneMatch(r -> r.key().equals(first.customerId()));
        // The first record waits out two attempts; the second fails fast during the cool-down.
        AzureOpenAiStub.server.verify(2, postRequestedFor(urlPathEqualTo(AzureOpenAiStub.PATH)));
    }

    private double sum(String meter, Segment segment) {
        return registry.find(meter).tag("segment", segment.id()).counters().stream().mapToDouble(Counter::count)
                .sum();
    }

    private static ContentEvent content(Segment segment) {
        return new ContentEvent(UUID.randomUUID(), ContentEvent.SCHEMA_VERSION, Instant.now(),
                "c-" + UUID.randomUUID(), UUID.randomUUID(), segment, FEATURES, "corpus-test", "lucene", "test query",
                CHAMPION_CONTENT);
    }

    private void send(ContentEvent event) {
        kafka.send(Topics.CONTENT, event.customerId(), EventCodec.encode(event));
    }

}
