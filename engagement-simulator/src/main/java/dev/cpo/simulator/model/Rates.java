package dev.cpo.simulator.model;

/**
 * The funnel rates of delivered customers: the share that opens, that clicks and that converts. Each is a share of
 * delivered customers, so {@code P(click | open) = click / open} and {@code P(conversion | click) = conversion / click}.
 *
 * @param open share of delivered customers that open, in [0, 1]
 * @param click share of delivered customers that click, in [0, open]
 * @param conversion share of delivered customers that convert, in [0, click]
 */
public record Rates(double open, double click, double conversion) {

    /** Checks that every rate is a probability and that the funnel narrows: open ≥ click ≥ conversion. */
    public Rates {
        probability("open", open);
        probability("click", click);
        probability("conversion", conversion);
        if (click > open) {
            throw new IllegalArgumentException("click (" + click + ") must not exceed open (" + open + ")");
        }
        if (conversion > click) {
            throw new IllegalArgumentException(
                    "conversion (" + conversion + ") must not exceed click (" + click + ")");
        }
    }

    /**
     * Rates scaled by relative factors, each clamped to [0, 1], the funnel kept monotone (a click rate above the open
     * rate is cut to it, and so on down).
     *
     * @param openFactor multiplies the open rate
     * @param clickFactor multiplies the click rate
     * @param conversionFactor multiplies the conversion rate
     * @return the scaled rates
     */
    public Rates scaled(double openFactor, double clickFactor, double conversionFactor) {
        double o = clamp(open * openFactor);
        double c = Math.min(o, clamp(click * clickFactor));
        double v = Math.min(c, clamp(conversion * conversionFactor));
        return new Rates(o, c, v);
    }

    /** @return {@code P(click | open)}, 0 when nobody opens */
    public double clickGivenOpen() {
        return open == 0 ? 0 : click / open;
    }

    /** @return {@code P(conversion | click)}, 0 when nobody clicks */
    public double conversionGivenClick() {
        return click == 0 ? 0 : conversion / click;
    }

    static double clamp(double rate) {
        if (Double.isNaN(rate)) {
            return 0;
        }
        return Math.max(0, Math.min(1, rate));
    }

    static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }
}
