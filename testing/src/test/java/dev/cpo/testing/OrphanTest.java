package dev.cpo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import dev.cpo.testing.internal.Support;

/**
 * A broker or postmaster must never outlive the JVM that started it: not when that JVM is killed with SIGKILL (the
 * watchdog cleans up), not when it gets SIGTERM (the shutdown hooks do).
 */
class OrphanTest {

    private static final Duration CLEANUP_LIMIT = Duration.ofSeconds(10);

    /** One resource started by the child JVM. */
    record Started(String kind, int port, long pid, Path directory) {
    }

    @Test
    void brokerDiesWithAKilledJvm() throws Exception {
        assertCleanedUpAfter(true, "kafka");
    }

    @Test
    void postgresDiesWithAKilledJvm() throws Exception {
        assertCleanedUpAfter(true, "postgres");
    }

    @Test
    void bothStopWhenTheJvmIsTerminated() throws Exception {
        assertCleanedUpAfter(false, "kafka", "postgres");
    }

    private static void assertCleanedUpAfter(boolean sigkill, String... kinds) throws Exception {
        Path log = Files.createTempFile("cpo-orphan-child-", ".log");
        Process child = startChild(log, kinds);
        List<Started> started = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ALL READY")) {
                if (line.startsWith("READY ")) {
                    String[] parts = line.split(" ", 5);
                    started.add(new Started(parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]),
                            Paths.get(parts[4])));
                }
            }
            assertThat(line).as("child output ended early; its log: %s", Support.tail(log, 60)).isEqualTo("ALL READY");
            for (Started resource : started) {
                assertThat(Support.running(resource.pid())).as("%s running", resource.kind()).isTrue();
                assertThat(Support.accepts(resource.port())).as("%s accepting", resource.kind()).isTrue();
            }
        } finally {
            if (sigkill) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        if (sigkill) {
            assertThat(child.exitValue()).isEqualTo(137);
        }
        for (Started resource : started) {
            awaitTrue(() -> !Support.running(resource.pid()), resource.kind() + " process " + resource.pid()
                    + " gone");
            awaitTrue(() -> !Support.accepts(resource.port()), resource.kind() + " port " + resource.port()
                    + " closed");
            awaitTrue(() -> !Files.exists(resource.directory()), resource.kind() + " directory "
                    + resource.directory() + " deleted");
        }
    }

    private static Process startChild(Path log, String... kinds) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        String repository = System.getProperty("maven.repo.local");
        if (repository != null) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OrphanMain.class.getName());
        command.addAll(List.of(kinds));
        log.toFile().deleteOnExit();
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + CLEANUP_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + CLEANUP_LIMIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
