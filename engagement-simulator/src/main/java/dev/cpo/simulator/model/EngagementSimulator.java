package dev.cpo.simulator.model;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.EventIds;
import dev.cpo.events.Tone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Stands in for e-mail delivery and the customers' reactions: what each assignment leads to, as engagement events.
 *
 * <p>Every outcome is a pure function of the settings, the assignment and (for staleness only) the clock: each
 * customer's draws come from a random stream seeded by a hash of the seed, the experiment id and the customer id, so
 * the order in which assignments arrive changes nothing, and re-processing an assignment yields the same events
 * (same ids, same timestamps). Each tone's uplift and each arm's jitter are drawn from streams of their own.
 *
 * <p>Thread-safe: it holds no mutable state.
 */
public final class EngagementSimulator {

    /** Prefix of the stage name in derived event ids: {@code "simulator-" + type}, e.g. {@code simulator-opened}. */
    public static final String STAGE_PREFIX = "simulator-";
    /** Delivery happens this long after the assignment. */
    public static final Duration DELIVERY_DELAY = Duration.ofMinutes(1);
    /** Mean of the exponential delay from delivery to open. */
    public static final Duration MEAN_OPEN_DELAY = Duration.ofHours(3);
    /** The open delay is capped here. */
    public static final Duration MAX_OPEN_DELAY = Duration.ofHours(48);
    /** A click follows the open by this much at least ... */
    public static final Duration MIN_CLICK_DELAY = Duration.ofSeconds(10);
    /** ... and by this much at most. */
    public static final Duration MAX_CLICK_DELAY = Duration.ofMinutes(30);
    /** A conversion follows the click by this much at least ... */
    public static final Duration MIN_CONVERSION_DELAY = Duration.ofMinutes(5);
    /** ... and by this much at most. */
    public static final Duration MAX_CONVERSION_DELAY = Duration.ofHours(24);

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private final SimulationSettings settings;
    private final Clock clock;
    private final Map<Tone, Double> uplifts;
    private final double revenueMu;

    /**
     * Draws each tone's uplift, once.
     *
     * @param settings the settings
     * @param clock what "now" is, to tell stale assignments
     */
    public EngagementSimulator(SimulationSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<Tone, Double> drawn = new EnumMap<>(Tone.class);
        UpliftPrior prior = settings.uplift();
        for (Tone tone : Tone.values()) {
            SplittableRandom random = stream(settings.seed(), "uplift", tone.wireName());
            drawn.put(tone, prior.clamp(prior.mean() + prior.sd() * gaussian(random)));
        }
        this.uplifts = Collections.unmodifiableMap(drawn);
        double sigma = settings.revenueSigma();
        this.revenueMu = Math.log(settings.meanOrderValue().doubleValue()) - sigma * sigma / 2;
    }

    /** @return the settings */
    public SimulationSettings settings() {
        return settings;
    }

    /** @return the relative uplift drawn for each tone, e.g. 0.17 for +17 % on open, click and conversion */
    public Map<Tone, Double> drawnUplifts() {
        return uplifts;
    }

    /**
     * The rates of an arm: the segment's baseline, times {@code 1 + uplift} of the tone if a variant of a tone was
     * sent, times {@code 1 + jitter} (drawn per experiment, segment and arm, one per rate), clamped to [0, 1], the
     * funnel kept monotone.
     *
     * @param experimentId the experiment
     * @param segmentId the segment
     * @param arm the arm's name
     * @param tone the tone of the variant sent; null for the control message
     * @return the arm's rates
     */
    public Rates ratesFor(String experimentId, String segmentId, String arm, Tone tone) {
        double lift = tone == null ? 0 : uplifts.get(tone);
        double noise = settings.noise();
        double openJitter = 0;
        double clickJitter = 0;
        double conversionJitter = 0;
        if (noise > 0) {
            SplittableRandom random = stream(settings.seed(), "noise", experimentId, segmentId, arm);
            openJitter = noise * gaussian(random);
            clickJitter = noise * gaussian(random);
            conversionJitter = noise * gaussian(random);
        }
        return settings.baselineOf(segmentId).scaled((1 + lift) * (1 + openJitter), (1 + lift) * (1 + clickJitter),
                (1 + lift) * (1 + conversionJitter));
    }

    /**
     * @param assignment an assignment
     * @return the rates of its arm
     */
    public Rates ratesFor(AssignmentEvent assignment) {
        return ratesFor(assignment.experimentId(), assignment.segment().id(), assignment.arm(), assignment.tone());
    }

    /**
     * What one assignment leads to. Skipped, in this order: an experiment outside the allow-list, an assignment older
     * than the maximum age, a customer without e-mail consent. Otherwise sent: it bounces, or it is delivered and the
     * customer may open, then click, then convert.
     *
     * @param assignment an assignment
     * @return its outcome and events, in funnel order
     */
    public Simulation simulate(AssignmentEvent assignment) {
        if (!settings.experiments().isEmpty() && !settings.experiments().contains(assignment.experimentId())) {
            return Simulation.skipped(SkipReason.OTHER_EXPERIMENT);
        }
        if (assignment.occurredAt().isBefore(clock.instant().minus(settings.maxAssignmentAge()))) {
            return Simulation.skipped(SkipReason.STALE);
        }
        if (!assignment.emailConsent()) {
            return Simulation.skipped(SkipReason.NO_CONSENT);
        }
        // Always the same draws in the same order, whatever happens, so each draw means the same for every customer.
        SplittableRandom random = stream(settings.seed(), "customer", assignment.experimentId(),
                assignment.customerId());
        double deliver = random.nextDouble();
        double open = random.nextDouble();
        double click = random.nextDouble();
        double convert = random.nextDouble();
        double openDelay = random.nextDouble();
        double clickDelay = random.nextDouble();
        double conversionDelay = random.nextDouble();
        double revenueDraw = gaussian(random);
        if (deliver >= settings.deliveredRate()) {
            return Simulation.bounced();
        }
        Rates rates = ratesFor(assignment);
        List<EngagementEvent> events = new ArrayList<>(4);
        Instant at = assignment.occurredAt().plus(DELIVERY_DELAY);
        events.add(event(assignment, EngagementType.DELIVERED, at, null));
        if (open < rates.open()) {
            at = at.plusMillis(Math.min(MAX_OPEN_DELAY.toMillis(),
                    (long) (-Math.log(1 - openDelay) * MEAN_OPEN_DELAY.toMillis())));
            events.add(event(assignment, EngagementType.OPENED, at, null));
            if (click < rates.clickGivenOpen()) {
                at = at.plusMillis(between(MIN_CLICK_DELAY, MAX_CLICK_DELAY, clickDelay));
                events.add(event(assignment, EngagementType.CLICKED, at, null));
                if (convert < rates.conversionGivenClick()) {
                    at = at.plusMillis(between(MIN_CONVERSION_DELAY, MAX_CONVERSION_DELAY, conversionDelay));
                    events.add(event(assignment, EngagementType.CONVERTED, at, revenue(revenueDraw)));
                }
            }
        }
        return Simulation.delivered(events);
    }

    private BigDecimal revenue(double standardNormal) {
        double value = Math.exp(revenueMu + settings.revenueSigma() * standardNormal);
        BigDecimal cents = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        return cents.compareTo(CENT) < 0 ? CENT : cents;
    }

    private static EngagementEvent event(AssignmentEvent assignment, EngagementType type, Instant at,
            BigDecimal revenue) {
        return new EngagementEvent(EventIds.derive(assignment.eventId(), STAGE_PREFIX + type.wireName()),
                EngagementEvent.SCHEMA_VERSION, at, assignment.customerId(), assignment.experimentId(),
                assignment.arm(), assignment.segment().id(), assignment.variantId(), type, revenue,
                EngagementSource.SIMULATED);
    }

    private static long between(Duration min, Duration max, double uniform) {
        return min.toMillis() + (long) (uniform * (max.toMillis() - min.toMillis()));
    }

    /** A standard normal draw (Box-Muller), from two uniform draws of the stream. */
    static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A random stream of its own for a purpose and its key: seeded by the first 64 bits of SHA-256 over the seed and
     * the length-prefixed UTF-8 parts (so no two different part lists collide by concatenation).
     */
    static SplittableRandom stream(long seed, String... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        return new SplittableRandom(ByteBuffer.wrap(sha256.digest()).getLong());
    }
}
