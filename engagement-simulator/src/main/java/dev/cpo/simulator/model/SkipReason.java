package dev.cpo.simulator.model;

/** Why an assignment was not sent at all: no event is emitted for it. */
public enum SkipReason {
    /** The experiment is not in the allow-list of experiments to simulate. */
    OTHER_EXPERIMENT("other-experiment"),
    /** The assignment is older than the maximum age (a delivery system drops stale sends, e.g. historical imports). */
    STALE("stale"),
    /** The customer may not be e-mailed. */
    NO_CONSENT("no-consent");

    private final String tag;

    SkipReason(String tag) {
        this.tag = tag;
    }

    /** @return the name used in metrics and logs, e.g. {@code no-consent} */
    public String tag() {
        return tag;
    }
}
