package dev.cpo.safety.screen;

import dev.cpo.events.Tone;
import dev.cpo.events.Verdict;
import java.time.Instant;

/**
 * One screening decision, as the audit trail keeps it: made once per variant and policy, whatever the number of
 * customers the variant then reaches.
 *
 * @param decidedAt when
 * @param variantId the variant
 * @param textHash SHA-256 of its validity, subject and body: the words the decision is about
 * @param segmentId the segment it was written for
 * @param tone its tone
 * @param verdict the decision, severities, blocklist matches, provider, policy version and reasons
 */
public record AuditRecord(Instant decidedAt, String variantId, String textHash, String segmentId, Tone tone,
        Verdict verdict) {
}
