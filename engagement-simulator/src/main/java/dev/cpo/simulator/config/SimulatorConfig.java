package dev.cpo.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** The simulator's settings ({@code cpo.simulator.*}; environment: {@code CPO_SIMULATOR_*}). */
@ConfigMapping(prefix = "cpo.simulator")
public interface SimulatorConfig {

    /** @return the seed every random draw derives from */
    @WithDefault("42")
    long seed();

    /** @return the funnel rates of the control message, as shares of delivered customers */
    Baseline baseline();

    /**
     * @return per segment id, rates replacing the baseline's; a rate not given falls back to the baseline's, e.g.
     *         {@code cpo.simulator.segments."lapsed-high-value".open=0.30}
     */
    Map<String, SegmentBaseline> segments();

    /** @return the prior each tone's relative uplift is drawn from, once */
    Uplift uplift();

    /** @return sd of the relative jitter of each arm's rates (per experiment, segment and arm); 0 turns it off */
    @WithDefault("0.05")
    double noise();

    /** @return the revenue of a conversion */
    Revenue revenue();

    /** @return share of sent messages that are delivered; the rest bounce and get no events */
    @WithDefault("0.98")
    double deliveredRate();

    /** @return assignments older than this are not sent (stale), e.g. imported historical experiments */
    @WithDefault("P7D")
    Duration maxAssignmentAge();

    /** @return experiment ids to simulate, comma separated; absent or empty: all */
    Optional<Set<String>> experiments();

    /** The baseline rates. */
    interface Baseline {

        /** @return share of delivered customers that open */
        @WithDefault("0.25")
        double open();

        /** @return share of delivered customers that click */
        @WithDefault("0.05")
        double click();

        /** @return share of delivered customers that convert */
        @WithDefault("0.01")
        double conversion();
    }

    /** One segment's baseline; each rate optional. */
    interface SegmentBaseline {

        /** @return share of delivered customers that open */
        OptionalDouble open();

        /** @return share of delivered customers that click */
        OptionalDouble click();

        /** @return share of delivered customers that convert */
        OptionalDouble conversion();
    }

    /** Normal(mean, sd) clamped to [min, max]. */
    interface Uplift {

        /** @return mean relative uplift */
        @WithDefault("0.15")
        double mean();

        /** @return its standard deviation */
        @WithDefault("0.05")
        double sd();

        /** @return the lowest uplift */
        @WithDefault("0.05")
        double min();

        /** @return the highest uplift */
        @WithDefault("0.30")
        double max();
    }

    /** Log-normal order values. */
    interface Revenue {

        /** @return the mean order value */
        @WithDefault("60.00")
        BigDecimal meanOrderValue();

        /** @return sigma of the log-normal */
        @WithDefault("0.5")
        double sigma();
    }
}
