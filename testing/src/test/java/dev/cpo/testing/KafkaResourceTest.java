package dev.cpo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cpo.testing.kafka.KafkaBroker;

class KafkaResourceTest {

    /** Stands for a cluster someone else runs (KAFKA_BOOTSTRAP_SERVERS). */
    private static KafkaBroker external;

    @BeforeAll
    static void startExternal() {
        external = KafkaBroker.start();
    }

    @AfterAll
    static void stopExternal() {
        if (external != null) {
            external.close();
        }
    }

    @Test
    void environmentVariableWinsAndTopicsAreStillCreated() throws Exception {
        KafkaResource resource = new KafkaResource(Map.of("KAFKA_BOOTSTRAP_SERVERS", external.bootstrapServers()),
                new Properties());
        resource.init(Map.of("topics", "extra-one, extra-two,"));
        Map<String, String> config = resource.start();
        assertThat(config).containsExactly(Map.entry("kafka.bootstrap.servers", external.bootstrapServers()));
        assertThat(topicsOn(external.bootstrapServers())).containsAll(resource.topics())
                .contains("extra-one", "extra-two", "customers", "engagement-dlq");
    }

    @Test
    void systemPropertyIsUsedWhenNoEnvironmentVariable() {
        Properties properties = new Properties();
        properties.setProperty("kafka.bootstrap.servers", " " + external.bootstrapServers() + " ");
        KafkaResource resource = new KafkaResource(Map.of("KAFKA_BOOTSTRAP_SERVERS", " "), properties);
        assertThat(resource.externalBootstrapServers()).isEqualTo(external.bootstrapServers());
        assertThat(new KafkaResource(Map.of(), new Properties()).externalBootstrapServers()).isNull();
        assertThat(new KafkaResource(Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092"), properties)
                .externalBootstrapServers()).isEqualTo("env:9092");
    }

    @Test
    void withoutOverrideOneBrokerServesTheWholeJvm() throws Exception {
        KafkaResource first = new KafkaResource(Map.of(), new Properties());
        first.init(Map.of());
        String bootstrap = first.start().get("kafka.bootstrap.servers");
        KafkaResource second = new KafkaResource(Map.of(), new Properties());
        second.init(Map.of("topics", "second-only", "partitions", "3"));
        assertThat(second.start()).containsEntry("kafka.bootstrap.servers", bootstrap);
        assertThat(bootstrap).isNotEqualTo(external.bootstrapServers())
                .isEqualTo(System.getProperty(KafkaResource.SHARED_BOOTSTRAP_PROPERTY));
        assertThat(topicsOn(bootstrap)).containsAll(first.topics()).contains("second-only");
        assertThat(first.topics()).hasSize(17).startsWith("customers", "segments", "content", "variants",
                "screened", "assignments", "engagement", "customers-dlq")
                .endsWith("safety-audit", "assignment-skips", "experiment-metrics");
    }

    private static Set<String> topicsOn(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listTopics().names().get();
        }
    }
}
