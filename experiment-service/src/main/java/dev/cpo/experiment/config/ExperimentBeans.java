package dev.cpo.experiment.config;

import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.definition.ExperimentSpec;
import dev.cpo.experiment.ledger.FunnelRule;
import dev.cpo.experiment.stats.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Builds the domain's settings from configuration, failing at start-up on a bad value. */
@ApplicationScoped
public class ExperimentBeans {

    @Produces
    @Singleton
    ExperimentSpec.Defaults defaults(ExperimentConfig config) {
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        for (String metric : config.metrics()) {
            metrics.add(enumValue(Metric.class, "cpo.experiment.metrics", metric));
        }
        ContactPolicy policy = new ContactPolicy(Duration.ofHours(config.frequencyCapHours()),
                config.maxInactiveDays().orElse(null));
        return new ExperimentSpec.Defaults(
                enumValue(AllocationStrategy.class, "cpo.experiment.strategy", config.strategy()), config.seed(),
                new ControlMessage(config.controlMessage().id(), config.controlMessage().subject(),
                        config.controlMessage().body()),
                metrics, enumValue(Metric.class, "cpo.experiment.primary-metric", config.primaryMetric()),
                config.alpha(), config.power(), config.minimumDetectableEffect(), config.baselineRate(), policy);
    }

    @Produces
    @Singleton
    FunnelRule funnelRule(ExperimentConfig config) {
        return enumValue(FunnelRule.class, "cpo.experiment.funnel-rule", config.funnelRule());
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String property, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": unknown value '" + value + "'", e);
        }
    }
}
