package dev.cpo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cpo.testing.postgres.PostgresDatabases;

class PostgresResourceTest {

    @Test
    void environmentVariablesWin() {
        PostgresResource resource = new PostgresResource(Map.of("CPO_JDBC_URL", "jdbc:postgresql://db:5432/x",
                "CPO_JDBC_USERNAME", "alice", "CPO_JDBC_PASSWORD", "secret"));
        resource.init(Map.of("database", "ignored"));
        String sharedBefore = System.getProperty(PostgresResource.SHARED_PORT_PROPERTY);
        assertThat(resource.start()).containsExactly(
                Map.entry("quarkus.datasource.db-kind", "postgresql"),
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/x"),
                Map.entry("quarkus.datasource.username", "alice"),
                Map.entry("quarkus.datasource.password", "secret"));
        assertThat(System.getProperty(PostgresResource.SHARED_PORT_PROPERTY)).as("no server started")
                .isEqualTo(sharedBefore);
    }

    @Test
    void withoutOverrideOneServerServesTheJvmWithADatabasePerResource() throws Exception {
        PostgresResource first = new PostgresResource(Map.of());
        first.init(Map.of());
        Map<String, String> firstConfig = first.start();
        PostgresResource second = new PostgresResource(Map.of("CPO_JDBC_URL", " "));
        second.init(Map.of("database", "experiments"));
        Map<String, String> secondConfig = second.start();

        assertThat(first.database()).isEqualTo("cpo");
        int port = PostgresResource.sharedPort();
        assertThat(firstConfig).containsEntry("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/cpo")
                .containsEntry("quarkus.datasource.db-kind", "postgresql");
        assertThat(secondConfig).containsEntry("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/experiments");
        for (Map<String, String> config : java.util.List.of(firstConfig, secondConfig)) {
            try (Connection connection = PostgresDatabases.connect(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }
}
