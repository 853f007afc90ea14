package dev.cpo.safety.persistence;

import java.time.Instant;

/**
 * Filters of the audit trail; null means any.
 *
 * @param segment a segment id
 * @param tone a tone (wire name)
 * @param decision "pass" or "block"
 * @param provider a screener
 * @param from decided at or after
 * @param to decided before
 */
public record AuditQuery(String segment, String tone, String decision, String provider, Instant from, Instant to) {
}
