package dev.cpo.experiment.assignment;

/**
 * The outcome of {@link ContactPolicy#evaluate}.
 *
 * @param skipReason why the customer is skipped; null when contact is allowed
 */
public record ContactDecision(SkipReason skipReason) {

    private static final ContactDecision ALLOWED = new ContactDecision(null);

    /**
     * @return the allowed decision
     */
    public static ContactDecision allow() {
        return ALLOWED;
    }

    /**
     * @param reason the reason
     * @return a skip decision
     */
    public static ContactDecision skip(SkipReason reason) {
        if (reason == null) {
            throw new IllegalArgumentException("a skip needs a reason");
        }
        return new ContactDecision(reason);
    }

    /**
     * @return whether the customer may be contacted
     */
    public boolean allowed() {
        return skipReason == null;
    }
}
