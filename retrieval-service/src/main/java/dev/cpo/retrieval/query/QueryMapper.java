package dev.cpo.retrieval.query;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.retrieval.corpus.CorpusVocabulary;
import dev.cpo.retrieval.search.SegmentQuery;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a customer's segment and features to the {@link SegmentQuery} that retrieves content for them. Pure,
 * deterministic and thread-safe; never fails on an unknown segment.
 *
 * <h2>1. Segment to intent</h2>
 * The first rule that applies picks the {@link SegmentIntent}:
 * <ol>
 * <li><b>Known id</b>: {@code rfm-champions}, {@code rfm-loyal}, {@code rfm-new}, {@code rfm-potential-loyalists},
 * {@code rfm-at-risk}, {@code rfm-hibernating}, {@code rfm-lost}; {@code lifecycle-new}, {@code lifecycle-normal},
 * {@code lifecycle-dormant}.</li>
 * <li><b>Known label</b> (case, spaces and hyphens ignored): the RFM labels "Champions" ... "Lost", and the
 * lifecycle labels "Normal", "Dormant"; "New" is {@link SegmentIntent#WELCOME} when the strategy is
 * {@code lifecycle}, else {@link SegmentIntent#NEW_CUSTOMER}.</li>
 * <li><b>k-means words</b> in the label, else in the id ("Recent Frequent High-Value", "lapsed-high-value"): each
 * word is read as an RFM score (recency Recent/Cooling/Lapsed = 5/3/1, frequency Frequent/Regular/Occasional =
 * 5/3/1, monetary High-Value/Mid-Value/Low-Spend = 5/3/1; a dimension without a word scores 3; rank words such as
 * "Higher-Spend" are ignored) and the segmentation's RFM rule table gives the intent, e.g. "Recent Frequent
 * High-Value" = (5, 5, 5) = Champions, "Cooling Regular High-Value" = (3, 3, 5) = Potential Loyalists, "Lapsed
 * Occasional Low-Spend" = (1, 1, 1) = Lost. The words also add tags: Lapsed {@code lapsed}, Frequent
 * {@code frequent}, Occasional {@code occasional}, High-Value {@code high-value}, Low-Spend {@code low-spend}.</li>
 * <li>Otherwise {@link SegmentIntent#DEFAULT}: broadly useful content, tagged for everyone only.</li>
 * </ol>
 *
 * <h2>2. Features refine it</h2>
 * <ul>
 * <li>Never purchased ({@code frequency} 0) with a young account ({@code accountAgeDays} at most
 * {@value #NEW_ACCOUNT_DAYS}), or a lifecycle "New" without an order: {@link SegmentIntent#WELCOME}. An older account
 * that never bought keeps its segment's intent: first-order offers are only valid shortly after sign-up.</li>
 * <li>Lifecycle "New" with an order already: {@link SegmentIntent#NEW_CUSTOMER}.</li>
 * <li>{@code recencyDays} at least {@value #LAPSED_AFTER_DAYS}: tag {@code lapsed} (the win-back offers are for
 * customers without an order in six months).</li>
 * <li>{@code daysSinceLastActivity} at least {@value #LAPSED_AFTER_DAYS}: tag {@code dormant}.</li>
 * <li>{@code accountAgeDays} at most {@value #NEW_ACCOUNT_DAYS} with an order: tag {@code new}.</li>
 * <li>{@code tier} bronze, silver or gold: that tag, and "&lt;tier&gt; member benefits" appended to the text.</li>
 * <li>{@code monetary} is not used: the segment already places the customer's spend relative to everyone else's,
 * while an absolute amount means nothing without the currency and the population.</li>
 * </ul>
 */
public final class QueryMapper {

    /** The default number of snippets asked for. */
    public static final int DEFAULT_TOP_K = 4;
    /** The default weakest normalized score kept. */
    public static final double DEFAULT_MIN_SCORE = 0.5;
    /** Days without an order from which a customer counts as lapsed. */
    public static final int LAPSED_AFTER_DAYS = 180;
    /** Account age in days up to which an account counts as new. */
    public static final int NEW_ACCOUNT_DAYS = 30;

    private static final Map<String, SegmentIntent> BY_ID = Map.of(
            "rfm-champions", SegmentIntent.CHAMPIONS,
            "rfm-loyal", SegmentIntent.LOYAL,
            "rfm-new", SegmentIntent.NEW_CUSTOMER,
            "rfm-potential-loyalists", SegmentIntent.POTENTIAL_LOYALISTS,
            "rfm-at-risk", SegmentIntent.AT_RISK,
            "rfm-hibernating", SegmentIntent.HIBERNATING,
            "rfm-lost", SegmentIntent.LOST,
            "lifecycle-new", SegmentIntent.WELCOME,
            "lifecycle-normal", SegmentIntent.ACTIVE,
            "lifecycle-dormant", SegmentIntent.DORMANT);

    private static final Map<String, SegmentIntent> BY_LABEL = Map.of(
            "champions", SegmentIntent.CHAMPIONS,
            "loyal", SegmentIntent.LOYAL,
            "potential loyalists", SegmentIntent.POTENTIAL_LOYALISTS,
            "at risk", SegmentIntent.AT_RISK,
            "hibernating", SegmentIntent.HIBERNATING,
            "lost", SegmentIntent.LOST,
            "normal", SegmentIntent.ACTIVE,
            "dormant", SegmentIntent.DORMANT);

    private static final Set<String> TIERS = Set.of(CorpusVocabulary.BRONZE, CorpusVocabulary.SILVER,
            CorpusVocabulary.GOLD);

    private final int topK;
    private final double minScore;

    /** A mapper asking for {@value #DEFAULT_TOP_K} snippets with a normalized score of at least 0.5. */
    public QueryMapper() {
        this(DEFAULT_TOP_K, DEFAULT_MIN_SCORE);
    }

    /**
     * @param topK the most snippets to ask for, at least 1 (3 to 5 suit generation)
     * @param minScore the weakest normalized score to keep, 0..1
     */
    public QueryMapper(int topK, double minScore) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be within 0..1");
        }
        this.topK = topK;
        this.minScore = minScore;
    }

    /**
     * @param segment the customer's segment
     * @param features the features it was assigned from; null when unknown
     * @return the query; never fails
     */
    public SegmentQuery map(Segment segment, SegmentFeatures features) {
        Words words = Words.of(segment);
        SegmentIntent intent = intent(segment, features, words);
        Set<String> tags = new LinkedHashSet<>(intent.audienceTags());
        StringBuilder text = new StringBuilder(intent.text());
        if (intent != SegmentIntent.DEFAULT) {
            tags.addAll(words.tags());
        }
        if (features != null) {
            if (features.recencyDays() != null && features.recencyDays() >= LAPSED_AFTER_DAYS) {
                tags.add(CorpusVocabulary.LAPSED);
            }
            if (features.daysSinceLastActivity() != null && features.daysSinceLastActivity() >= LAPSED_AFTER_DAYS) {
                tags.add(CorpusVocabulary.DORMANT);
            }
            if (features.frequency() > 0 && features.accountAgeDays() != null
                    && features.accountAgeDays() <= NEW_ACCOUNT_DAYS) {
                tags.add(CorpusVocabulary.NEW);
            }
            String tier = features.tier() == null ? null : features.tier().strip().toLowerCase(Locale.ROOT);
            if (tier != null && TIERS.contains(tier)) {
                tags.add(tier);
                text.append(", ").append(tier).append(" member benefits");
            }
        }
        return new SegmentQuery(text.toString(), tags, topK, minScore);
    }

    /**
     * @param segment the customer's segment
     * @param features the features it was assigned from; null when unknown
     * @return the intent the segment and features map to (rules 1 and 2 of the class description)
     */
    public SegmentIntent intent(Segment segment, SegmentFeatures features) {
        return intent(segment, features, Words.of(segment));
    }

    private static SegmentIntent intent(Segment segment, SegmentFeatures features, Words words) {
        SegmentIntent intent = segmentIntent(segment, words);
        if (features == null) {
            return intent;
        }
        boolean neverPurchased = features.frequency() == 0;
        boolean youngAccount = features.accountAgeDays() != null && features.accountAgeDays() <= NEW_ACCOUNT_DAYS;
        if (intent == SegmentIntent.WELCOME) {
            return neverPurchased ? SegmentIntent.WELCOME : SegmentIntent.NEW_CUSTOMER;
        }
        if (neverPurchased && youngAccount) {
            return SegmentIntent.WELCOME;
        }
        return intent;
    }

    private static SegmentIntent segmentIntent(Segment segment, Words words) {
        SegmentIntent byId = BY_ID.get(segment.id().strip().toLowerCase(Locale.ROOT));
        if (byId != null) {
            return byId;
        }
        String label = normalize(segment.label());
        if (label.equals("new")) {
            return segment.strategy().toLowerCase(Locale.ROOT).contains("lifecycle")
                    ? SegmentIntent.WELCOME
                    : SegmentIntent.NEW_CUSTOMER;
        }
        SegmentIntent byLabel = BY_LABEL.get(label);
        if (byLabel != null) {
            return byLabel;
        }
        return words.found() ? rfmRule(words.recency(), words.frequency(), words.monetary()) : SegmentIntent.DEFAULT;
    }

    /** The segmentation service's RFM rule table (SEGMENTS.md), applied to scores 1 to 5. */
    static SegmentIntent rfmRule(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return SegmentIntent.CHAMPIONS;
        }
        if (r >= 3 && f >= 4) {
            return SegmentIntent.LOYAL;
        }
        if (r >= 4 && f == 1) {
            return SegmentIntent.NEW_CUSTOMER;
        }
        if (r >= 3 && f >= 2) {
            return SegmentIntent.POTENTIAL_LOYALISTS;
        }
        if (r <= 2 && (f >= 3 || m >= 4)) {
            return SegmentIntent.AT_RISK;
        }
        if (r >= 2) {
            return SegmentIntent.HIBERNATING;
        }
        return SegmentIntent.LOST;
    }

    /** Lower case, runs of anything but letters and digits as one space. */
    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** The k-means words of a label (or, when it has none, of the id), as RFM scores and tags. */
    private record Words(int recency, int frequency, int monetary, boolean found, Set<String> tags) {

        /** The rank words that tell apart clusters sharing a label ("Most-Recent", "Less-Frequent", ...). */
        private static final Pattern RANK_WORDS = Pattern.compile("\\b(most|more|less|least) (recent|frequent)\\b");

        static Words of(Segment segment) {
            Words words = parse(normalize(segment.label()));
            return words.found() ? words : parse(normalize(segment.id()));
        }

        private static Words parse(String normalized) {
            String text = " " + RANK_WORDS.matcher(normalized).replaceAll(" ") + " ";
            Set<String> tags = new LinkedHashSet<>();
            int r = score(text, "recent", "cooling", "lapsed");
            int f = score(text, "frequent", "regular", "occasional");
            int m = score(text, "high value", "mid value", "low spend");
            if (r == 1) {
                tags.add(CorpusVocabulary.LAPSED);
            }
            if (f == 5) {
                tags.add(CorpusVocabulary.FREQUENT);
            } else if (f == 1) {
                tags.add(CorpusVocabulary.OCCASIONAL);
            }
            if (m == 5) {
                tags.add(CorpusVocabulary.HIGH_VALUE);
            } else if (m == 1) {
                tags.add(CorpusVocabulary.LOW_SPEND);
            }
            boolean found = r != 0 || f != 0 || m != 0;
            return new Words(r == 0 ? 3 : r, f == 0 ? 3 : f, m == 0 ? 3 : m, found, Set.copyOf(tags));
        }

        /** 5, 3 or 1 for the best, middle or worst word of a dimension; 0 when none is present. */
        private static int score(String text, String best, String middle, String worst) {
            if (text.contains(" " + best + " ")) {
                return 5;
            }
            if (text.contains(" " + middle + " ")) {
                return 3;
            }
            return text.contains(" " + worst + " ") ? 1 : 0;
        }
    }
}
