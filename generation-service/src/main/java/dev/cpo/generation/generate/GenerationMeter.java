package dev.cpo.generation.generate;

import java.math.BigDecimal;

/** Told of every model call, for cost and token tracking per segment. */
public interface GenerationMeter {

    /** Records nothing. */
    GenerationMeter NONE = (segmentId, provider, outcome, usage, cost) -> {
    };

    /**
     * @param segmentId the segment the call was for
     * @param provider the provider
     * @param outcome "draft", "filtered", "unusable" or "unavailable"
     * @param usage tokens consumed
     * @param cost their cost, USD
     */
    void called(String segmentId, String provider, String outcome, Usage usage, BigDecimal cost);
}
