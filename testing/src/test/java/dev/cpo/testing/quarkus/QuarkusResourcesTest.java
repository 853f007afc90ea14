package dev.cpo.testing.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.PostgresResource;
import dev.cpo.testing.postgres.PostgresDatabases;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test resources as a service uses them: global resources of a {@code @QuarkusTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "topics", value = "quarkus-extra"))
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "quarkus_db"))
class QuarkusResourcesTest {

    static final String SEEN_BOOTSTRAP = "test.quarkus.seen.bootstrap";
    static final String SEEN_JDBC = "test.quarkus.seen.jdbc";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void configPointsAtTheRunningBrokerAndDatabase() throws Exception {
        assertSameInfrastructureAsOtherApplications(bootstrapServers, jdbcUrl);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains("customers", "engagement-dlq", "quarkus-extra");
        }
        assertThat(jdbcUrl).endsWith("/quarkus_db");
        try (Connection connection = PostgresDatabases.connect(jdbcUrl, username, password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    /**
     * Every Quarkus application of the test JVM (this one and the restarted one of {@link RestartedProfileTest})
     * must see the same broker and server, though Quarkus loads the resource classes anew for each.
     */
    static void assertSameInfrastructureAsOtherApplications(String bootstrapServers, String jdbcUrl) {
        String seenBootstrap = System.getProperty(SEEN_BOOTSTRAP);
        String seenJdbc = System.getProperty(SEEN_JDBC);
        if (seenBootstrap != null) {
            assertThat(bootstrapServers).isEqualTo(seenBootstrap);
            assertThat(jdbcUrl).isEqualTo(seenJdbc);
        }
        System.setProperty(SEEN_BOOTSTRAP, bootstrapServers);
        System.setProperty(SEEN_JDBC, jdbcUrl);
    }
}
