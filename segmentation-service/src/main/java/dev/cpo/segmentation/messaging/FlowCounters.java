package dev.cpo.segmentation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts what enters and leaves this stage, so that ops can check that nothing vanishes:
 * {@code cpo_records_in_total = cpo_records_out_total + cpo_records_dead_lettered_total}.
 */
@ApplicationScoped
public class FlowCounters {

    private static final String STAGE = "segmentation";

    private final Counter in;
    private final Counter out;
    private final MeterRegistry registry;

    FlowCounters(MeterRegistry registry) {
        this.registry = registry;
        this.in = Counter.builder("cpo.records.in").description("Records consumed from customers")
                .tag("stage", STAGE).register(registry);
        this.out = Counter.builder("cpo.records.out").description("Records published to segments")
                .tag("stage", STAGE).register(registry);
    }

    void received() {
        in.increment();
    }

    void published() {
        out.increment();
    }

    /** @param reason a small, fixed vocabulary ({@code invalid-event}, {@code processing-error}) */
    void deadLettered(String reason) {
        Counter.builder("cpo.records.dead.lettered").description("Records sent to customers-dlq")
                .tag("stage", STAGE).tag("reason", reason).register(registry).increment();
    }
}
