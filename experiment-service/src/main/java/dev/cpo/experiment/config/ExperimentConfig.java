package dev.cpo.experiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code cpo.experiment.*} settings; each can be set by an environment variable, e.g. CPO_EXPERIMENT_ALPHA. */
@ConfigMapping(prefix = "cpo.experiment")
public interface ExperimentConfig {

    /** @return the experiment created at start-up when it does not exist yet */
    DefaultExperiment defaultExperiment();

    /** @return {@code permuted_blocks} or {@code salted_hash} */
    @WithDefault("permuted_blocks")
    String strategy();

    /** @return the default seed */
    @WithDefault("20261123")
    long seed();

    /** @return the default control message */
    ControlMessageConfig controlMessage();

    /** @return the default metrics */
    @WithDefault("open,click,conversion,revenue")
    List<String> metrics();

    /** @return the default primary metric */
    @WithDefault("conversion")
    String primaryMetric();

    /** @return the default significance level */
    @WithDefault("0.05")
    double alpha();

    /** @return the default power */
    @WithDefault("0.8")
    double power();

    /** @return the default relative minimum detectable effect */
    @WithDefault("0.15")
    double minimumDetectableEffect();

    /** @return the default planned control rate of the primary metric */
    @WithDefault("0.01")
    double baselineRate();

    /** @return not contacted within this many hours (default contact policy) */
    @WithDefault("24")
    int frequencyCapHours();

    /** @return skip customers inactive for more days than this; empty disables the rule */
    Optional<Integer> maxInactiveDays();

    /** @return {@code normalize} or {@code reject}: clicks without opens, conversions without clicks */
    @WithDefault("normalize")
    String funnelRule();

    /** @return how often a snapshot of every experiment's metrics goes to {@code experiment-metrics} */
    @WithDefault("60s")
    Duration snapshotInterval();

    /** @return how long a definition is cached before it is read again (other replicas may change it) */
    @WithDefault("5s")
    Duration definitionCacheTtl();

    /** @return the topic the measurement side recognises assignments by (the other one is engagement) */
    @WithDefault("assignments")
    String assignmentsTopic();

    /** The experiment that exists from the first start. */
    interface DefaultExperiment {

        /** @return whether to create it */
        @WithDefault("true")
        boolean enabled();

        /** @return its id */
        @WithDefault("tone-test")
        String id();

        /** @return its name */
        @WithDefault("Tone test: urgent, informational and friendly against the control message")
        String name();
    }

    /** The control message. */
    interface ControlMessageConfig {

        /** @return its id */
        @WithDefault("control-generic-v1")
        String id();

        /** @return its subject */
        @WithDefault("News from us this month")
        String subject();

        /** @return its body */
        @WithDefault("Hello, here is what is new in our shop this month. Browse the latest arrivals and our "
                + "customer favourites on our website. Thank you for being with us.")
        String body();
    }
}
