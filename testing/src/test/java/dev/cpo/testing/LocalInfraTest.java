package dev.cpo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import dev.cpo.testing.internal.Support;
import dev.cpo.testing.postgres.PostgresDatabases;

class LocalInfraTest {

    @Test
    void parsesOptions() {
        LocalInfra.Options options = LocalInfra.Options.parse("--kafka-port", "9092", "--postgres-port=5432",
                "--data-dir", "/tmp/x", "--databases", "a, b,a", "--partitions", "3", "--topics", "t1", "--no-stdin");
        assertThat(options.kafkaPort).isEqualTo(9092);
        assertThat(options.postgresPort).isEqualTo(5432);
        assertThat(options.dataDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.databases).containsExactly("a", "b");
        assertThat(options.partitions).isEqualTo(3);
        assertThat(options.topics).containsExactly("t1");
        assertThat(options.watchStdin).isFalse();

        LocalInfra.Options defaults = LocalInfra.Options.parse();
        assertThat(defaults.kafkaPort).isZero();
        assertThat(defaults.databases).containsExactly("cpo");
        assertThat(defaults.partitions).isEqualTo(6);
        assertThat(defaults.dataDir).isNull();
        assertThat(defaults.watchStdin).isTrue();

        assertThatThrownBy(() -> LocalInfra.Options.parse("--kafka-port", "x")).hasMessageContaining("number");
        assertThatThrownBy(() -> LocalInfra.Options.parse("--bogus")).hasMessageContaining("Usage");
        assertThatThrownBy(() -> LocalInfra.Options.parse("--data-dir")).hasMessageContaining("needs a value");
        assertThat(LocalInfra.envName("cpo-x.y")).isEqualTo("CPO_X_Y");
    }

    @Test
    void runsUntilStdinCloses() throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream childStdin = new PipedInputStream(stdin);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LocalInfra.Options options = LocalInfra.Options.parse("--databases", "cpo,segments", "--partitions", "2");
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                LocalInfra.run(options, childStdin, out);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, String> env = awaitOutput(bytes, run);

        assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "CPO_JDBC_URL", "CPO_JDBC_USERNAME",
                "CPO_JDBC_PASSWORD", "CPO_JDBC_URL_CPO", "CPO_JDBC_URL_SEGMENTS");
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).containsAll(PipelineTopics.all());
            assertThat(admin.describeTopics(List.of("customers")).allTopicNames().get().get("customers")
                    .partitions()).hasSize(2);
        }
        try (Connection connection = PostgresDatabases.connect(env.get("CPO_JDBC_URL_SEGMENTS"),
                env.get("CPO_JDBC_USERNAME"), env.get("CPO_JDBC_PASSWORD"))) {
            assertThat(connection.isValid(2)).isTrue();
        }

        stdin.close();
        run.get(60, TimeUnit.SECONDS);
        int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThat(Support.accepts(kafkaPort)).isFalse();
        String jdbc = env.get("CPO_JDBC_URL");
        int postgresPort = Integer.parseInt(jdbc.replaceAll(".*:(\\d+)/.*", "$1"));
        assertThat(Support.accepts(postgresPort)).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("# Local infra stopped (stdin closed).");
    }

    private static Map<String, String> awaitOutput(ByteArrayOutputStream bytes, CompletableFuture<Void> run)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.contains("\n# Local infra up")) {
                Map<String, String> env = new LinkedHashMap<>();
                for (String line : text.split("\n")) {
                    int equals = line.indexOf('=');
                    if (!line.startsWith("#") && equals > 0) {
                        env.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
                return env;
            }
            if (run.isDone()) {
                run.get();
                throw new AssertionError("LocalInfra ended before printing its addresses: " + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("LocalInfra printed no addresses within 90 s");
    }
}
