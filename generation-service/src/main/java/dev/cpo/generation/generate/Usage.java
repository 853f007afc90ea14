package dev.cpo.generation.generate;

/**
 * Tokens a model call consumed; zero for the local generator.
 *
 * @param tokensIn prompt tokens
 * @param tokensOut completion tokens
 */
public record Usage(int tokensIn, int tokensOut) {

    /** No tokens. */
    public static final Usage NONE = new Usage(0, 0);

    /** Checks that the counts are not negative. */
    public Usage {
        if (tokensIn < 0 || tokensOut < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
    }

    /** @return the sum of both */
    public Usage plus(Usage other) {
        return new Usage(tokensIn + other.tokensIn, tokensOut + other.tokensOut);
    }
}
