package dev.cpo.generation.generate;

/** The shape every published variant has: what the validator enforces and the prompts ask for. */
public final class VariantLimits {

    /** The longest subject, in characters (code points). */
    public static final int SUBJECT_MAX_CHARS = 60;
    /** The shortest body, in words; citation markers do not count as words. */
    public static final int BODY_MIN_WORDS = 150;
    /** The longest body, in words; citation markers do not count as words. */
    public static final int BODY_MAX_WORDS = 200;

    private VariantLimits() {
    }
}
