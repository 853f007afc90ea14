package dev.cpo.events;

import java.util.List;
import java.util.Map;

/**
 * The safety screen's verdict on one variant.
 *
 * @param decision pass or block (required)
 * @param severities severity per harm category, 0 (safe) to 7; null is read as empty
 * @param blocklistMatches ids of the blocklist entries that matched (never the matched text); null is read as empty
 * @param provider the screening backend, e.g. "azure-content-safety" or "local-rules" (required)
 * @param policyVersion version of the screening policy and thresholds (required)
 * @param reasons short reasons for the decision; null is read as empty
 */
public record Verdict(Decision decision, Map<HarmCategory, Integer> severities, List<String> blocklistMatches,
        String provider, String policyVersion, List<String> reasons) {

    /** Highest severity a category can have. */
    public static final int MAX_SEVERITY = 7;

    /** Checks the required fields and severity ranges. */
    public Verdict {
        Checks.required("decision", decision);
        severities = Checks.enumMap("severities", HarmCategory.class, severities, 0, MAX_SEVERITY);
        blocklistMatches = Checks.list("blocklistMatches", blocklistMatches);
        Checks.nonBlank("provider", provider);
        Checks.nonBlank("policyVersion", policyVersion);
        reasons = Checks.list("reasons", reasons);
    }
}
