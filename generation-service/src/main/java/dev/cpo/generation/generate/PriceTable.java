package dev.cpo.generation.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a model call costs, from configured prices per 1,000 tokens (USD).
 *
 * @param inputPer1k price of 1,000 prompt tokens
 * @param outputPer1k price of 1,000 completion tokens
 */
public record PriceTable(BigDecimal inputPer1k, BigDecimal outputPer1k) {

    /** Free: the local generator. */
    public static final PriceTable FREE = new PriceTable(BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** Checks that prices are present and not negative. */
    public PriceTable {
        Objects.requireNonNull(inputPer1k, "inputPer1k");
        Objects.requireNonNull(outputPer1k, "outputPer1k");
        if (inputPer1k.signum() < 0 || outputPer1k.signum() < 0) {
            throw new IllegalArgumentException("prices are never negative");
        }
    }

    /**
     * @param usage tokens consumed
     * @return their cost in USD, to 8 decimal places, rounded half up
     */
    public BigDecimal cost(Usage usage) {
        BigDecimal in = inputPer1k.multiply(BigDecimal.valueOf(usage.tokensIn()));
        BigDecimal out = outputPer1k.multiply(BigDecimal.valueOf(usage.tokensOut()));
        return in.add(out).divide(THOUSAND, 8, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
