package dev.cpo.experiment.history;

import dev.cpo.events.Segment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The segments of the Hillstrom import: a customer's segment is the combination of four of the file's columns.
 *
 * <ul>
 *   <li>id: {@code history=<slug>;zip=<slug>;channel=<slug>;newbie=<0|1>}, from {@code history_segment},
 *       {@code zip_code}, {@code channel} and {@code newbie}, e.g.
 *       {@code history=2-100-200;zip=surburban;channel=phone;newbie=0}; see {@link #slug(String)}</li>
 *   <li>label: human readable, e.g. {@code "$100 - $200 history, Surburban, Phone, returning"} (the
 *       {@code "2) "} ordering prefix of {@code history_segment} is dropped; newbie 1 is "new", 0 "returning")</li>
 *   <li>strategy {@value #STRATEGY}, model version {@value #MODEL_VERSION}</li>
 * </ul>
 *
 * <p>The file has 7 history segments, 3 zip codes, 3 channels and 2 newbie values, so at most 126 segments
 * (87 occur).
 */
public final class HillstromSegments {

    /** {@link Segment#strategy()} of every imported segment. */
    public static final String STRATEGY = "hillstrom";
    /** {@link Segment#modelVersion()} of every imported segment. */
    public static final String MODEL_VERSION = "hillstrom-2008";

    /** Dimension key of {@code history_segment}. */
    public static final String HISTORY = "history";
    /** Dimension key of {@code zip_code}. */
    public static final String ZIP = "zip";
    /** Dimension key of {@code channel}. */
    public static final String CHANNEL = "channel";
    /** Dimension key of {@code newbie}. */
    public static final String NEWBIE = "newbie";

    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");
    private static final Pattern ORDER_PREFIX = Pattern.compile("^\\s*\\d+\\)\\s*");

    private HillstromSegments() {
    }

    /**
     * @param historySegment the {@code history_segment} value, e.g. {@code "2) $100 - $200"} (not blank)
     * @param zipCode the {@code zip_code} value, e.g. {@code "Surburban"} (not blank)
     * @param channel the {@code channel} value, e.g. {@code "Phone"} (not blank)
     * @param newbie the {@code newbie} value
     * @return the segment
     * @throws IllegalArgumentException if a value is blank or has no letter or digit
     */
    public static Segment segment(String historySegment, String zipCode, String channel, boolean newbie) {
        String history = requireSlug("history_segment", historySegment);
        String zip = requireSlug("zip_code", zipCode);
        String chan = requireSlug("channel", channel);
        String id = HISTORY + "=" + history + ";" + ZIP + "=" + zip + ";" + CHANNEL + "=" + chan + ";" + NEWBIE + "="
                + (newbie ? "1" : "0");
        String historyLabel = ORDER_PREFIX.matcher(historySegment.strip()).replaceFirst("");
        if (historyLabel.isBlank()) {
            historyLabel = historySegment.strip();
        }
        String label = historyLabel + " history, " + zipCode.strip() + ", " + channel.strip() + ", "
                + (newbie ? "new" : "returning");
        return new Segment(id, label, STRATEGY, MODEL_VERSION);
    }

    /**
     * Lower case; every run of characters other than ASCII letters and digits becomes one {@code -}; leading and
     * trailing {@code -} removed. {@code "2) $100 - $200"} → {@code "2-100-200"}, {@code "6) $750 - $1,000"} →
     * {@code "6-750-1-000"}, {@code "Surburban"} → {@code "surburban"}.
     *
     * @param value any text
     * @return its slug, possibly empty
     */
    public static String slug(String value) {
        String lower = Objects.requireNonNull(value, "value").toLowerCase(Locale.ROOT);
        return EDGE_DASHES.matcher(NON_ALPHANUMERIC.matcher(lower).replaceAll("-")).replaceAll("");
    }

    /**
     * Parses a segment id of the form {@code k=v;k=v;...} into its dimensions, in the id's order; for an imported
     * Hillstrom segment the keys are {@value #HISTORY}, {@value #ZIP}, {@value #CHANNEL} and {@value #NEWBIE}.
     *
     * @param segmentId a segment id (may be null)
     * @return the dimensions (unmodifiable, ordered), or an empty map if the id is null or not of that form: every
     *         part separated by {@code ;} must be one non-empty key, one {@code =} and a non-empty value, keys unique
     */
    public static Map<String, String> parseSegmentId(String segmentId) {
        if (segmentId == null || segmentId.isEmpty()) {
            return Map.of();
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (String part : segmentId.split(";", -1)) {
            int equals = part.indexOf('=');
            if (equals <= 0 || equals == part.length() - 1 || part.indexOf('=', equals + 1) >= 0) {
                return Map.of();
            }
            if (dimensions.putIfAbsent(part.substring(0, equals), part.substring(equals + 1)) != null) {
                return Map.of();
            }
        }
        return Collections.unmodifiableMap(dimensions);
    }

    private static String requireSlug(String column, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("column '" + column + "' must not be empty");
        }
        String slug = slug(value);
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("column '" + column + "' must contain a letter or digit");
        }
        return slug;
    }
}
