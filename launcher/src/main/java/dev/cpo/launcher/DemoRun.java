package dev.cpo.launcher;

import dev.cpo.events.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One run of the whole pipeline: start it, publish the customers, follow every stage until all is measured. Used by
 * {@code ./cpo demo} and by the end-to-end test.
 */
public final class DemoRun {

    private DemoRun() {
    }

    /**
     * What a run saw.
     *
     * @param customers customers published
     * @param counts the final reading of every topic and consumer group
     * @param seconds from publishing to everything measured
     * @param complete whether every stage finished before the timeout
     */
    public record Outcome(long customers, StageCounts.Snapshot counts, double seconds, boolean complete) {
    }

    /**
     * @param pipeline a running pipeline
     * @param publisher publishes the customers to the broker it is given; answers how many it published
     * @param out where progress goes
     * @param terminal whether {@code out} is a terminal (bars redrawn in place)
     * @param timeout how long the stages may take
     * @return the outcome
     * @throws IOException if publishing fails
     */
    public static Outcome follow(Pipeline pipeline, BiFunction<String, PrintStream, Long> publisher, PrintStream out,
            boolean terminal, Duration timeout) throws IOException {
        long started = System.nanoTime();
        long customers = publisher.apply(pipeline.bootstrapServers(), out);
        if (customers <= 0) {
            throw new IOException("no customer was published");
        }
        try (StageCounts counts = new StageCounts(pipeline.bootstrapServers(), Pipeline.PARTITIONS)) {
            ProgressView view = new ProgressView(out, terminal, customers);
            long deadline = System.nanoTime() + timeout.toNanos();
            StageCounts.Snapshot last = counts.read(Pipeline.topics());
            int stableReadings = 0;
            while (System.nanoTime() < deadline) {
                StageCounts.Snapshot now = counts.read(Pipeline.topics());
                view.show(now);
                for (RunningService service : pipeline.services()) {
                    if (!service.alive()) {
                        throw new IOException(service.spec().name() + " stopped; see " + service.log());
                    }
                }
                // Complete, and no new engagement for two readings (the simulator publishes after the assignments).
                boolean same = now.records().equals(last.records());
                stableReadings = now.complete(customers) && same ? stableReadings + 1 : 0;
                last = now;
                if (stableReadings >= 2) {
                    return new Outcome(customers, now, (System.nanoTime() - started) / 1e9, true);
                }
                sleep(500);
            }
            return new Outcome(customers, last, (System.nanoTime() - started) / 1e9, false);
        }
    }

    /**
     * @param outcome a run's outcome
     * @return the topics with dead-lettered records, and how many
     */
    public static Map<String, Long> deadLetters(Outcome outcome) {
        Map<String, Long> out = new java.util.TreeMap<>();
        outcome.counts().records().forEach((topic, n) -> {
            if (topic.endsWith(Topics.DLQ_SUFFIX) && n > 0) {
                out.put(topic, n);
            }
        });
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param path a path relative to the repository root
     * @param root the root
     * @return the path resolved against the root unless absolute
     */
    static Path resolve(Path root, Path path) {
        return path.isAbsolute() ? path : root.resolve(path);
    }
}
