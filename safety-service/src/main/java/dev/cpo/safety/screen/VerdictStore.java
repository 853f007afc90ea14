package dev.cpo.safety.screen;

import dev.cpo.events.Verdict;
import java.util.Optional;

/** Where decisions outlive the process (PostgreSQL in the service): the audit trail, read back as a verdict cache. */
public interface VerdictStore {

    /**
     * @param variantId a variant
     * @param textHash the hash of its words
     * @param policyVersion a policy
     * @return the decision made for them, if any
     */
    Optional<Verdict> find(String variantId, String textHash, String policyVersion);

    /**
     * Records a decision unless one is recorded for the variant, its words and the policy already, and returns the recorded one.
     *
     * @param record the decision
     * @return the decision now on record
     */
    Verdict record(AuditRecord record);
}
