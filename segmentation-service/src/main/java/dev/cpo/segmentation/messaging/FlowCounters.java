package dev.cpo.segmentation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts what enters and leaves this stage, so that ops can check that nothing vanishes:
 * {@code cpo_records_in_total = cpo_records_out_total + cpo_records_dead_lettered_total}. Records republished by a
 * recompute are counted apart, in {@code cpo_records_republished_total}.
 */
@ApplicationScoped
public class FlowCounters {

    private static final String STAGE = "segmentation";

    private final Counter in;
    private final Counter out;
    private final Counter republished;
    private final MeterRegistry registry;

    FlowCounters(MeterRegistry registry) {
        this.registry = registry;
        this.in = Counter.builder("cpo.records.in").description("Records consumed from customers")
                .tag("stage", STAGE).register(registry);
        this.out = Counter.builder("cpo.records.out").description("Records published to segments")
                .tag("stage", STAGE).register(registry);
        this.republished = Counter.builder("cpo.records.republished")
                .description("Segments events published because a recompute changed a customer's segment")
                .tag("stage", STAGE).register(registry);
    }

    void received(int count) {
        in.increment(count);
    }

    void published(int count) {
        out.increment(count);
    }

    /** @param count segments events published by a recompute */
    public void republished(int count) {
        republished.increment(count);
    }

    /** @param reason a small, fixed vocabulary ({@code invalid-event}, {@code processing-error}) */
    void deadLettered(String reason, int count) {
        if (count > 0) {
            Counter.builder("cpo.records.dead.lettered").description("Records sent to customers-dlq")
                    .tag("stage", STAGE).tag("reason", reason).register(registry).increment(count);
        }
    }
}
