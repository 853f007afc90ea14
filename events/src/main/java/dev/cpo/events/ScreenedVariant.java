package dev.cpo.events;

/**
 * A variant together with the safety screen's verdict on it.
 *
 * @param variant the variant as generated (required)
 * @param verdict the verdict (required)
 */
public record ScreenedVariant(Variant variant, Verdict verdict) {

    /** Checks the required fields. */
    public ScreenedVariant {
        Checks.required("variant", variant);
        Checks.required("verdict", verdict);
    }
}
