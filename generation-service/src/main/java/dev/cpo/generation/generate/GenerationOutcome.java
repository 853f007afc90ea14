package dev.cpo.generation.generate;

import java.util.List;

/** What one generation attempt produced. */
public sealed interface GenerationOutcome {

    /** @return tokens the attempt consumed */
    Usage usage();

    /** @return wall-clock duration of the attempt, in milliseconds */
    long latencyMillis();

    /**
     * A candidate variant, still to be validated.
     *
     * @param subject the e-mail subject
     * @param body the body, with citation markers {@code [n]}
     * @param citations what each marker refers to
     * @param usage tokens consumed
     * @param latencyMillis duration
     */
    record Draft(String subject, String body, List<DraftCitation> citations, Usage usage, long latencyMillis)
            implements
                GenerationOutcome {

        /** Copies the citations. */
        public Draft {
            citations = List.copyOf(citations);
        }
    }

    /**
     * The provider's content filter refused the prompt or the completion. Not retried: the same input would be
     * filtered again.
     *
     * @param reason what the provider said, without the text
     * @param usage tokens consumed
     * @param latencyMillis duration
     */
    record Filtered(String reason, Usage usage, long latencyMillis) implements GenerationOutcome {
    }

    /**
     * The provider answered, but not with a usable draft (not JSON, fields missing). Treated like a draft that fails
     * validation: regenerated once.
     *
     * @param reason what was wrong, without quoting the reply
     * @param usage tokens consumed
     * @param latencyMillis duration
     */
    record Unusable(String reason, Usage usage, long latencyMillis) implements GenerationOutcome {
    }
}
