package dev.cpo.experiment.assignment;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer the experiment did not contact, as published on {@code assignment-skips} (JSON, keyed by customer id).
 *
 * @param experimentId the experiment; null when no live experiment was running
 * @param customerId the customer
 * @param causationId the screened event that was not acted on
 * @param reason {@code no-consent}, {@code frequency-cap}, {@code inactive} or {@value #NO_RUNNING_EXPERIMENT}
 * @param skippedAt when
 */
public record ContactSkip(String experimentId, String customerId, UUID causationId, String reason,
        Instant skippedAt) {

    /** The reason when no live experiment is running. */
    public static final String NO_RUNNING_EXPERIMENT = "no-running-experiment";
}
