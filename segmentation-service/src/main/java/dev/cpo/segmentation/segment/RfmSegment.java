package dev.cpo.segmentation.segment;

/**
 * The named RFM segments and the rule table that maps scores to them. The rules are tried in this order and the first
 * that matches wins, so every (R, F, M) combination has exactly one segment:
 *
 * <table>
 * <caption>RFM rule table</caption>
 * <tr><th>#</th><th>segment</th><th>rule</th></tr>
 * <tr><td>1</td><td>Champions</td><td>R &ge; 4, F &ge; 4, M &ge; 4</td></tr>
 * <tr><td>2</td><td>Loyal</td><td>R &ge; 3, F &ge; 4</td></tr>
 * <tr><td>3</td><td>New</td><td>R &ge; 4, F = 1</td></tr>
 * <tr><td>4</td><td>Potential Loyalists</td><td>R &ge; 3, F &ge; 2</td></tr>
 * <tr><td>5</td><td>At Risk</td><td>R &le; 2, and F &ge; 3 or M &ge; 4</td></tr>
 * <tr><td>6</td><td>Hibernating</td><td>R &ge; 2 (left: R = 3 with F = 1; R = 2 with F &le; 2 and M &le; 3)</td></tr>
 * <tr><td>7</td><td>Lost</td><td>everyone else (R = 1, F &le; 2, M &le; 3), including customers who never
 * purchased</td></tr>
 * </table>
 *
 * Segment ids are {@code rfm-} followed by the label in lower case with hyphens, e.g. {@code rfm-at-risk}.
 */
public enum RfmSegment {

    /** Bought recently, often and much. */
    CHAMPIONS("rfm-champions", "Champions"),
    /** Buys often and not long ago, but spends less than the champions. */
    LOYAL("rfm-loyal", "Loyal"),
    /** One recent order so far. */
    NEW("rfm-new", "New"),
    /** Fairly recent, a few orders: could become loyal. */
    POTENTIAL_LOYALISTS("rfm-potential-loyalists", "Potential Loyalists"),
    /** Used to buy often or spend much, but not lately. */
    AT_RISK("rfm-at-risk", "At Risk"),
    /** Few, small orders, a while ago. */
    HIBERNATING("rfm-hibernating", "Hibernating"),
    /** Few, small orders, long ago; or never bought. */
    LOST("rfm-lost", "Lost");

    private final String id;
    private final String label;

    RfmSegment(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** @return the stable segment id */
    public String id() {
        return id;
    }

    /** @return the human-readable label */
    public String label() {
        return label;
    }

    /**
     * Applies the rule table.
     *
     * @param r the R score, 1 to 5
     * @param f the F score, 1 to 5
     * @param m the M score, 1 to 5
     * @return the segment of the first matching rule
     */
    public static RfmSegment of(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return CHAMPIONS;
        }
        if (r >= 3 && f >= 4) {
            return LOYAL;
        }
        if (r >= 4 && f == 1) {
            return NEW;
        }
        if (r >= 3 && f >= 2) {
            return POTENTIAL_LOYALISTS;
        }
        if (r <= 2 && (f >= 3 || m >= 4)) {
            return AT_RISK;
        }
        if (r >= 2) {
            return HIBERNATING;
        }
        return LOST;
    }

    /**
     * @param scores a customer's scores
     * @return the segment of the first matching rule
     */
    public static RfmSegment of(RfmScores scores) {
        return of(scores.recency(), scores.frequency(), scores.monetary());
    }
}
