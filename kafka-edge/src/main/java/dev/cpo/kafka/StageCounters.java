package dev.cpo.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what enters and leaves one stage, so that ops can check that nothing vanishes:
 * {@code cpo_records_in_total = cpo_records_out_total + cpo_records_dead_lettered_total} for each {@code stage} tag.
 * Records a stage publishes on its own initiative (not in answer to one input) are counted apart, in
 * {@code cpo_records_republished_total}.
 */
public final class StageCounters {

    private final String stage;
    private final MeterRegistry registry;
    private final Counter in;
    private final Counter out;
    private final Counter republished;

    /**
     * @param registry where the counters live
     * @param stage the stage name, the {@code stage} tag
     */
    public StageCounters(MeterRegistry registry, String stage) {
        this.stage = stage;
        this.registry = registry;
        this.in = Counter.builder("cpo.records.in").description("Records consumed by the stage").tag("stage", stage)
                .register(registry);
        this.out = Counter.builder("cpo.records.out").description("Records the stage published in answer to them")
                .tag("stage", stage).register(registry);
        this.republished = Counter.builder("cpo.records.republished")
                .description("Records the stage published on its own initiative").tag("stage", stage)
                .register(registry);
    }

    /** @param count records consumed */
    public void received(int count) {
        in.increment(count);
    }

    /** @param count records published in answer to consumed ones */
    public void published(int count) {
        out.increment(count);
    }

    /** @param count records published on the stage's own initiative */
    public void republished(int count) {
        republished.increment(count);
    }

    /**
     * @param reason a small, fixed vocabulary (e.g. {@code invalid-event}, {@code processing-error})
     * @param count records dead-lettered for that reason
     */
    public void deadLettered(String reason, int count) {
        if (count > 0) {
            Counter.builder("cpo.records.dead.lettered").description("Records sent to the stage's dead-letter topic")
                    .tag("stage", stage).tag("reason", reason).register(registry).increment(count);
        }
    }
}
