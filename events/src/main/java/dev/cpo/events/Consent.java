package dev.cpo.events;

import java.time.Instant;

/**
 * The customer's marketing consent. {@code emailMarketing = false} means the customer is never contacted: no
 * message is generated for delivery and the experiment assigns no e-mail.
 *
 * @param emailMarketing whether the customer opted in to marketing e-mail (required)
 * @param updatedAt when the consent was last given or withdrawn (optional)
 */
public record Consent(boolean emailMarketing, Instant updatedAt) {
}
