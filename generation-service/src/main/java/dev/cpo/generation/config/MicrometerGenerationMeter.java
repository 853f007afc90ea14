package dev.cpo.generation.config;

import dev.cpo.generation.generate.GenerationMeter;
import dev.cpo.generation.generate.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;

/**
 * Model calls, tokens and cost per segment as Prometheus counters: {@code cpo_generation_model_calls_total},
 * {@code cpo_generation_tokens_total{direction=in|out}} and {@code cpo_generation_cost_usd_total}, each tagged with
 * segment and provider. Segments are few, so the tag stays cheap.
 */
final class MicrometerGenerationMeter implements GenerationMeter {

    private final MeterRegistry registry;

    MicrometerGenerationMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(String segmentId, String provider, String outcome, Usage usage, BigDecimal cost) {
        Counter.builder("cpo.generation.model.calls").description("Model calls, by segment and outcome")
                .tag("segment", segmentId).tag("provider", provider).tag("outcome", outcome).register(registry)
                .increment();
        Counter.builder("cpo.generation.tokens").description("Tokens consumed, by segment")
                .tag("segment", segmentId).tag("provider", provider).tag("direction", "in").register(registry)
                .increment(usage.tokensIn());
        Counter.builder("cpo.generation.tokens").description("Tokens consumed, by segment")
                .tag("segment", segmentId).tag("provider", provider).tag("direction", "out").register(registry)
                .increment(usage.tokensOut());
        Counter.builder("cpo.generation.cost.usd").description("Cost of model calls in USD, by segment")
                .tag("segment", segmentId).tag("provider", provider).register(registry).increment(cost.doubleValue());
    }
}
