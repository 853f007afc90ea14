package dev.cpo.experiment.definition;

import dev.cpo.events.ArmKind;
import dev.cpo.events.Tone;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.assignment.ExperimentDesign;
import dev.cpo.experiment.stats.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The wire form of an experiment definition: the body of {@code PUT /experiments/{id}}, the answer of
 * {@code GET /experiments/{id}} and the stored JSON. Every field but the id may be left out and then takes its
 * default ({@link Defaults}); enums are lower-case strings.
 *
 * @param id the experiment's id
 * @param name a human-readable name
 * @param source {@code live} (default) or {@code historical}
 * @param arms the arms; default control + one treatment per tone (urgent, informational, friendly), weight 1
 * @param strategy {@code permuted_blocks} (default) or {@code salted_hash}
 * @param seed the seed of every random choice
 * @param controlMessage the control arm's message
 * @param metrics the metrics: {@code open}, {@code click}, {@code conversion}, {@code revenue}
 * @param primaryMetric the metric that names the best arm and sizes the experiment
 * @param alpha significance level
 * @param power planned power
 * @param minimumDetectableEffect relative lift worth detecting, e.g. 0.1
 * @param baselineRate planned control rate of the primary metric
 * @param startAt start; default now
 * @param stopAt stop; default none
 * @param contactPolicy frequency cap and inactivity rule
 */
public record ExperimentSpec(String id, String name, String source, List<ArmSpec> arms, String strategy, Long seed,
        ControlMessageSpec controlMessage, List<String> metrics, String primaryMetric, Double alpha, Double power,
        Double minimumDetectableEffect, Double baselineRate, Instant startAt, Instant stopAt,
        ContactPolicySpec contactPolicy) {

    /**
     * @param name the arm's name
     * @param kind {@code control} or {@code treatment}
     * @param tone a treatment's tone
     * @param weight its weight; default 1
     */
    public record ArmSpec(String name, String kind, String tone, Integer weight) {
    }

    /**
     * @param id the message's id
     * @param subject its subject
     * @param body its body
     */
    public record ControlMessageSpec(String id, String subject, String body) {
    }

    /**
     * @param frequencyCapHours not contacted within this many hours
     * @param maxInactiveDays skip customers inactive longer; null disables the rule
     */
    public record ContactPolicySpec(Integer frequencyCapHours, Integer maxInactiveDays) {
    }

    /**
     * The defaults of every field (from configuration).
     *
     * @param strategy allocation strategy
     * @param seed seed
     * @param controlMessage control message
     * @param metrics metrics
     * @param primaryMetric primary metric
     * @param alpha significance level
     * @param power power
     * @param minimumDetectableEffect relative MDE
     * @param baselineRate planned control rate
     * @param contactPolicy contact policy
     */
    public record Defaults(AllocationStrategy strategy, long seed, ControlMessage controlMessage, Set<Metric> metrics,
            Metric primaryMetric, double alpha, double power, double minimumDetectableEffect, double baselineRate,
            ContactPolicy contactPolicy) {
    }

    /**
     * @param spec the wire form; its id must be set
     * @param defaults the defaults
     * @param now the start when none is given
     * @return the definition
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static ExperimentDefinition toDefinition(ExperimentSpec spec, Defaults defaults, Instant now) {
        if (spec == null) {
            throw new IllegalArgumentException("a JSON experiment definition is required");
        }
        String id = spec.id();
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(
                    "id must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        ExperimentSource source = spec.source() == null
                ? ExperimentSource.LIVE
                : parse(ExperimentSource.class, "source", spec.source());
        AllocationStrategy strategy = spec.strategy() == null
                ? defaults.strategy()
                : parse(AllocationStrategy.class, "strategy", spec.strategy());
        long seed = spec.seed() == null ? defaults.seed() : spec.seed();
        ExperimentDesign design;
        if (spec.arms() == null || spec.arms().isEmpty()) {
            design = ExperimentDesign.defaultDesign(id, seed, strategy);
        } else {
            List<Arm> arms = new ArrayList<>();
            for (int i = 0; i < spec.arms().size(); i++) {
                arms.add(arm(i, spec.arms().get(i)));
            }
            design = new ExperimentDesign(id, arms, seed, strategy);
        }
        ControlMessage control = defaults.controlMessage();
        if (spec.controlMessage() != null) {
            ControlMessageSpec c = spec.controlMessage();
            control = new ControlMessage(c.id() == null ? control.id() : c.id(),
                    c.subject() == null ? control.subject() : c.subject(),
                    c.body() == null ? control.body() : c.body());
        }
        Set<Metric> metrics = defaults.metrics();
        if (spec.metrics() != null) {
            metrics = EnumSet.noneOf(Metric.class);
            for (String metric : spec.metrics()) {
                metrics.add(parse(Metric.class, "metrics", metric));
            }
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("metrics: at least one metric is required");
            }
        }
        Metric primary = spec.primaryMetric() == null
                ? (metrics.contains(defaults.primaryMetric()) ? defaults.primaryMetric() : metrics.iterator().next())
                : parse(Metric.class, "primaryMetric", spec.primaryMetric());
        ContactPolicy policy = defaults.contactPolicy();
        if (spec.contactPolicy() != null) {
            ContactPolicySpec c = spec.contactPolicy();
            if (c.frequencyCapHours() != null && c.frequencyCapHours() <= 0) {
                throw new IllegalArgumentException("contactPolicy.frequencyCapHours must be positive");
            }
            policy = new ContactPolicy(c.frequencyCapHours() == null
                    ? policy.frequencyCap()
                    : Duration.ofHours(c.frequencyCapHours()), c.maxInactiveDays());
        }
        return new ExperimentDefinition(design, spec.name(), source, control, metrics, primary,
                spec.alpha() == null ? defaults.alpha() : spec.alpha(),
                spec.power() == null ? defaults.power() : spec.power(),
                spec.minimumDetectableEffect() == null
                        ? defaults.minimumDetectableEffect()
                        : spec.minimumDetectableEffect(),
                spec.baselineRate() == null ? defaults.baselineRate() : spec.baselineRate(),
                spec.startAt() == null ? now : spec.startAt(), spec.stopAt(), policy);
    }

    /**
     * @param definition a definition
     * @return its complete wire form (every field set)
     */
    public static ExperimentSpec of(ExperimentDefinition definition) {
        List<ArmSpec> arms = new ArrayList<>();
        for (Arm arm : definition.design().arms()) {
            arms.add(new ArmSpec(arm.name(), arm.kind().wireName(), arm.tone() == null ? null : arm.tone().wireName(),
                    arm.weight()));
        }
        List<String> metrics = new ArrayList<>();
        for (Metric metric : definition.metricList()) {
            metrics.add(wire(metric));
        }
        ControlMessage c = definition.controlMessage();
        ContactPolicy p = definition.contactPolicy();
        return new ExperimentSpec(definition.id(), definition.name(), wire(definition.source()), arms,
                wire(definition.design().strategy()), definition.design().seed(),
                new ControlMessageSpec(c.id(), c.subject(), c.body()), metrics, wire(definition.primaryMetric()),
                definition.alpha(), definition.power(), definition.minimumDetectableEffect(),
                definition.baselineRate(), definition.startAt(), definition.stopAt(),
                new ContactPolicySpec((int) p.frequencyCap().toHours(), p.maxInactiveDays()));
    }

    private static Arm arm(int index, ArmSpec spec) {
        String where = "arms[" + index + "]";
        if (spec == null) {
            throw new IllegalArgumentException(where + " must not be null");
        }
        ArmKind kind = spec.kind() == null
                ? (spec.tone() == null ? ArmKind.CONTROL : ArmKind.TREATMENT)
                : parseWire(where + ".kind", spec.kind(), ArmKind::fromWire);
        Tone tone = spec.tone() == null ? null : parseWire(where + ".tone", spec.tone(), Tone::fromWire);
        try {
            return new Arm(spec.name(), kind, tone, spec.weight() == null ? 1 : spec.weight());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static <T> T parseWire(String field, String value, java.util.function.Function<String, T> parser) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        for (E constant : type.getEnumConstants()) {
            if (value != null && wire(constant).equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(wire(constant));
        }
        throw new IllegalArgumentException(field + " must be one of " + allowed);
    }

    private static String wire(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
