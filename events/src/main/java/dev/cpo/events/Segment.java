package dev.cpo.events;

/**
 * The segment a customer was put in.
 *
 * @param id stable segment id, e.g. "lapsed-high-value" (required)
 * @param label human readable name, e.g. "Lapsed high-value" (required)
 * @param strategy how it was assigned, e.g. "rfm-rules" or "kmeans" (required)
 * @param modelVersion version of the rules or model that assigned it (required)
 */
public record Segment(String id, String label, String strategy, String modelVersion) {

    /** Checks that every field is present and not blank. */
    public Segment {
        Checks.nonBlank("id", id);
        Checks.nonBlank("label", label);
        Checks.nonBlank("strategy", strategy);
        Checks.nonBlank("modelVersion", modelVersion);
    }
}
