package dev.cpo.safety.policy;

import dev.cpo.events.Decision;
import dev.cpo.events.HarmCategory;
import dev.cpo.events.Verdict;
import dev.cpo.safety.screen.ScreenResult;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what a screener found into pass or block: a variant is blocked when any harm category reaches its threshold
 * (default 4, Medium and above, on Azure's 0-7 scale) or any blocklist entry matched. A result that lacks a category
 * is never a pass: it is refused as unavailable, so the caller retries and then holds the record (fail closed).
 * <p>
 * The policy version is "policy-v&lt;n&gt;-" plus a hash of the thresholds and of the screener's configuration (e.g.
 * its blocklists), so a verdict cached under one policy is never reused under another.
 */
public final class ScreeningPolicy {

    /** Block at Medium and above, for outbound marketing copy. */
    public static final int DEFAULT_THRESHOLD = 4;

    private final Map<HarmCategory, Integer> thresholds;
    private final String version;

    /**
     * @param declaredVersion the configured policy version, e.g. "1"
     * @param thresholds the blocking severity per category (1-7); a missing category gets {@link #DEFAULT_THRESHOLD}
     * @param screenerConfiguration what else decides verdicts (provider, blocklists), hashed into the version
     */
    public ScreeningPolicy(String declaredVersion, Map<HarmCategory, Integer> thresholds,
            String screenerConfiguration) {
        Objects.requireNonNull(declaredVersion, "declaredVersion");
        EnumMap<HarmCategory, Integer> all = new EnumMap<>(HarmCategory.class);
        for (HarmCategory category : HarmCategory.values()) {
            int threshold = thresholds.getOrDefault(category, DEFAULT_THRESHOLD);
            if (threshold < 1 || threshold > Verdict.MAX_SEVERITY) {
                throw new IllegalArgumentException("the threshold of " + category.wireName()
                        + " must be between 1 and 7 (0 would block everything)");
            }
            all.put(category, threshold);
        }
        this.thresholds = Map.copyOf(all);
        this.version = "policy-v" + declaredVersion + "-" + hash(all + "|" + screenerConfiguration);
    }

    /** @return the version recorded on every verdict */
    public String version() {
        return version;
    }

    /** @return the blocking severity per category */
    public Map<HarmCategory, Integer> thresholds() {
        return thresholds;
    }

    /**
     * @param result what the screener found
     * @param provider the screener
     * @return the verdict, with a reason per category over its threshold and per blocklist match
     * @throws ScreeningUnavailableException when the result lacks a category: never a pass
     */
    public Verdict decide(ScreenResult result, String provider) {
        if (!result.complete()) {
            throw new ScreeningUnavailableException("incomplete analysis from " + provider
                    + ": a severity is missing for " + missing(result), null);
        }
        List<String> reasons = new ArrayList<>();
        for (HarmCategory category : HarmCategory.values()) {
            int severity = result.severities().get(category);
            int threshold = thresholds.get(category);
            if (severity >= threshold) {
                reasons.add(category.wireName() + " severity " + severity + " reaches the threshold " + threshold);
            }
        }
        for (String match : result.blocklistMatches()) {
            reasons.add("blocklist match " + match);
        }
        return new Verdict(reasons.isEmpty() ? Decision.PASS : Decision.BLOCK, result.severities(),
                result.blocklistMatches(), provider, version, reasons);
    }

    /**
     * A variant the generator already marked invalid carries no text to screen; it is blocked with that reason, so
     * nothing downstream can mistake it for sendable.
     *
     * @param invalidReason the generator's reason
     * @param provider the screener that would have screened it
     * @return a block verdict without severities
     */
    public Verdict invalidVariant(String invalidReason, String provider) {
        return new Verdict(Decision.BLOCK, Map.of(), List.of(), provider, version,
                List.of("not sendable: the generator marked it invalid ("
                        + (invalidReason == null ? "no reason given" : invalidReason) + ")"));
    }

    private static List<String> missing(ScreenResult result) {
        List<String> missing = new ArrayList<>();
        for (HarmCategory category : HarmCategory.values()) {
            if (!result.severities().containsKey(category)) {
                missing.add(category.wireName());
            }
        }
        return missing;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
