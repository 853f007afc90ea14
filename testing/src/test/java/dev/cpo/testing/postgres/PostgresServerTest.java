package dev.cpo.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cpo.testing.internal.Support;

class PostgresServerTest {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersSelectOne() throws Exception {
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres");
        try (Connection connection = PostgresDatabases.connect(server.jdbcUrl(), server.username(),
                server.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void createDatabaseIsIdempotent() throws Exception {
        server.createDatabase("segmentation");
        server.createDatabase("segmentation");
        server.createDatabase("odd \"name\"");
        try (Connection connection = server.connect("segmentation");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int primary key)");
            statement.execute("INSERT INTO t VALUES (7)");
            try (ResultSet rows = statement.executeQuery("SELECT current_database(), id FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("segmentation");
                assertThat(rows.getInt(2)).isEqualTo(7);
            }
        }
        try (Connection connection = server.connect("odd \"name\"")) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void closeStopsTheServerAndDeletesItsDirectory() {
        PostgresServer second = PostgresServer.start();
        Path directory = second.directory();
        long pid = second.pid();
        assertThat(pid).isPositive();
        assertThat(Support.running(pid)).isTrue();
        second.close();
        second.close();
        assertThat(Support.running(pid)).isFalse();
        assertThat(Support.accepts(second.port())).isFalse();
        assertThat(directory).doesNotExist();
    }
}
