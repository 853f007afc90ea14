package dev.cpo.segmentation.segment;

/**
 * A customer's RFM scores, each 1 to 5 (5 = best: most recent, most frequent, highest spend).
 *
 * @param recency the R score
 * @param frequency the F score
 * @param monetary the M score
 */
public record RfmScores(int recency, int frequency, int monetary) {

    /** Checks that every score is between 1 and 5. */
    public RfmScores {
        check("recency", recency);
        check("frequency", frequency);
        check("monetary", monetary);
    }

    private static void check(String name, int score) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " score must be 1 to 5, not " + score);
        }
    }
}
