package dev.cpo.experiment.bench;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.definition.ExperimentSpec;
import dev.cpo.experiment.stats.Metric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A seeded, realistic traffic generator for the benchmarks: customers spread over the default design's four arms
 * (control, urgent, informational, friendly; equal weights) and {@code segments} segments of unequal size, each with
 * an assignment and then a funnel of engagement steps at e-mail-campaign rates.
 *
 * <p>Per customer: delivered 97%; opened 20% of the delivered (arm- and segment-dependent: 18-22% × 0.6-1.4);
 * clicked 15% of the openers, and 8% of the clickers never report their open (blocked tracking pixel, the funnel
 * normalisation implies it); converted 28% of the clickers, with a log-normal order value (median ≈ $75). That is
 * about 1.19 engagement events per customer; about 1% more are deliveries of an event a second time, with the same
 * event id (a producer retry, a consumer redelivery), which the ledger must drop.
 *
 * <p>Segment ids have the {@code k=v;k=v} form of the Hillstrom import ({@code history=h3;zip=z1;channel=c2;newbie=0}),
 * the first {@code segments} of the 7 × 3 × 3 × 2 = 126 combinations, so that the report can also group them by a
 * dimension.
 */
final class BenchStream {

    /** The experiment id of every event. */
    static final String EXPERIMENT = "bench";
    /** The default design's arm names, control first. */
    static final String[] ARMS = {"control", Tone.URGENT.wireName(), Tone.INFORMATIONAL.wireName(),
            Tone.FRIENDLY.wireName()};
    /** Seed of every random choice. */
    static final long SEED = 20261123L;
    /** The start of the campaign. */
    static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private static final double[] OPEN_BY_ARM = {0.18, 0.22, 0.20, 0.21};
    private static final double[] CLICK_BY_ARM = {0.14, 0.16, 0.15, 0.155};
    private static final double[] CONVERT_BY_ARM = {0.26, 0.29, 0.28, 0.29};
    private static final double DELIVERED = 0.97;
    private static final double OPEN_NOT_TRACKED = 0.08;
    private static final double DUPLICATES = 0.01;

    private BenchStream() {
    }

    /**
     * @param count how many segments, 1 to 126
     * @return their ids
     */
    static String[] segmentIds(int count) {
        if (count < 1 || count > 126) {
            throw new IllegalArgumentException("1 to 126 segments");
        }
        String[] ids = new String[count];
        int i = 0;
        for (int newbie = 0; newbie < 2; newbie++) {
            for (int channel = 0; channel < 3; channel++) {
                for (int zip = 0; zip < 3; zip++) {
                    for (int history = 0; history < 7; history++) {
                        if (i == count) {
                            return ids;
                        }
                        ids[i++] = "history=h" + history + ";zip=z" + zip + ";channel=c" + channel + ";newbie="
                                + newbie;
                    }
                }
            }
        }
        return ids;
    }

    /**
     * @return the benchmark experiment: every field at the service's configured default (application.properties),
     *         so the default design (four arms) and the metrics open, click, conversion and revenue
     */
    static ExperimentDefinition definition() {
        ExperimentSpec.Defaults defaults = new ExperimentSpec.Defaults(AllocationStrategy.PERMUTED_BLOCKS, SEED,
                new ControlMessage("control-generic-v1", "News from us this month",
                        "Hello, here is what is new in our shop this month."),
                EnumSet.of(Metric.OPEN, Metric.CLICK, Metric.CONVERSION, Metric.REVENUE), Metric.CONVERSION, 0.05,
                0.8, 0.15, 0.01, new ContactPolicy(Duration.ofHours(24), null));
        ExperimentSpec spec = new ExperimentSpec(EXPERIMENT, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        return ExperimentSpec.toDefinition(spec, defaults, START);
    }

    /** The generated traffic of one campaign. */
    static final class Traffic {
        /** One assignment per customer, in customer order. */
        final AssignmentEvent[] assignments;
        /** The engagement events in the order they occurred, duplicates included. */
        final EngagementEvent[] engagement;
        /** Engagement events that repeat an earlier event id. */
        final int duplicates;

        Traffic(AssignmentEvent[] assignments, EngagementEvent[] engagement, int duplicates) {
            this.assignments = assignments;
            this.engagement = engagement;
            this.duplicates = duplicates;
        }

        @Override
        public String toString() {
            long[] byType = new long[EngagementType.values().length];
            for (EngagementEvent e : engagement) {
                byType[e.type().ordinal()]++;
            }
            return String.format("%,d customers, %,d engagement events (%,d delivered, %,d opened, %,d clicked, "
                    + "%,d converted; %,d duplicates)", assignments.length, engagement.length, byType[0], byType[1],
                    byType[2], byType[3], duplicates);
        }
    }

    /**
     * The traffic of {@code customers} customers, made exactly {@code events} engagement events long by redelivering
     * as many events as it takes (about 1%: {@code events} must exceed the customers' own events by about that): their
     * assignments, and their engagement events ordered by when they occurred (deliveries within the first hour, opens
     * hours later, clicks minutes after the open, conversions within hours of the click; a redelivery seconds to
     * minutes after the original), so the customers' funnels interleave as on the topic.
     *
     * @param customers how many customers
     * @param segments how many segments
     * @param events how many engagement events, duplicates included (at most 4 million)
     * @return the traffic
     * @throws IllegalStateException if the customers make more than {@code events} events, or too few to get there
     *         with 1.5% of duplicates
     */
    static Traffic traffic(int customers, int segments, int events) {
        if (events >= 1 << 22) {
            throw new IllegalArgumentException("too many events to sort: " + events);
        }
        String[] segmentIds = segmentIds(segments);
        AssignmentEvent[] assignments = new AssignmentEvent[customers];
        EngagementEvent[] stream = new EngagementEvent[events];
        long[] order = new long[events];
        SplittableRandom random = new SplittableRandom(SEED);
        int[] n = {0};
        for (int c = 0; c < customers; c++) {
            Customer customer = customer(c, segmentIds, random);
            assignments[c] = customer.assignment(random);
            customer.funnel(random, (second, event) -> {
                if (n[0] == events) {
                    throw new IllegalStateException(customers + " customers make more than " + events + " events");
                }
                stream[n[0]] = event;
                order[n[0]] = second << 22 | n[0];
                n[0]++;
            });
        }
        int unique = n[0];
        int duplicates = events - unique;
        if (duplicates > unique * 0.015) {
            throw new IllegalStateException(customers + " customers make only " + unique + " events");
        }
        for (int i = unique; i < events; i++) {
            int original = random.nextInt(unique);
            long second = (order[original] >>> 22) + 1 + random.nextInt(600);
            stream[i] = stream[original];
            order[i] = second << 22 | i;
        }
        Arrays.sort(order);
        EngagementEvent[] sorted = new EngagementEvent[events];
        for (int i = 0; i < events; i++) {
            sorted[i] = stream[(int) (order[i] & ((1 << 22) - 1))];
        }
        return new Traffic(assignments, sorted, duplicates);
    }

    /**
     * Streams the traffic of as many customers as it takes to make exactly {@code events} engagement events,
     * customer by customer (each customer's assignment, then its events in funnel order), without holding it: for
     * ledgers of many millions of events.
     *
     * @param events how many engagement events, duplicates included
     * @param segments how many segments
     * @param assignments receives the assignments
     * @param engagement receives the engagement events
     */
    static void stream(long events, int segments, Consumer<AssignmentEvent> assignments,
            Consumer<EngagementEvent> engagement) {
        String[] segmentIds = segmentIds(segments);
        SplittableRandom random = new SplittableRandom(SEED);
        long[] sent = {0};
        for (int c = 0; sent[0] < events; c++) {
            Customer customer = customer(c, segmentIds, random);
            assignments.accept(customer.assignment(random));
            customer.funnel(random, (second, event) -> {
                if (sent[0] < events) {
                    engagement.accept(event);
                    sent[0]++;
                }
                if (sent[0] < events && random.nextDouble() < DUPLICATES) {
                    engagement.accept(event);
                    sent[0]++;
                }
            });
        }
    }

    private static Customer customer(int index, String[] segmentIds, SplittableRandom random) {
        int arm = random.nextInt(ARMS.length);
        // Unequal segment sizes: the square of a uniform index puts more customers in the first segments.
        double u = random.nextDouble();
        int segment = (int) (u * u * segmentIds.length);
        return new Customer("c" + (100_000_000 + index), arm, segment, segmentIds[segment]);
    }

    private interface EventSink {
        void accept(long second, EngagementEvent event);
    }

    private record Customer(String id, int arm, int segment, String segmentId) {

        AssignmentEvent assignment(SplittableRandom random) {
            Tone tone = arm == 0 ? null : Tone.fromWire(ARMS[arm]);
            return new AssignmentEvent(uuid(random), AssignmentEvent.SCHEMA_VERSION, START, id, uuid(random),
                    EXPERIMENT, ARMS[arm], arm == 0 ? ArmKind.CONTROL : ArmKind.TREATMENT, tone,
                    new Segment(segmentId, "Segment " + segment, "hillstrom", "bench"), variantId(),
                    "Subject", "Body", null, true);
        }

        String variantId() {
            return arm == 0 ? null : "v-" + ARMS[arm] + "-" + segment;
        }

        void funnel(SplittableRandom random, EventSink sink) {
            if (random.nextDouble() >= DELIVERED) {
                return;
            }
            long second = random.nextInt(3600);
            sink.accept(second, event(random, second, EngagementType.DELIVERED, null));
            double segmentFactor = 0.6 + 0.8 * (segment % 7) / 6.0;
            if (random.nextDouble() >= OPEN_BY_ARM[arm] * segmentFactor) {
                return;
            }
            second += 60 + (long) (-Math.log(1 - random.nextDouble()) * 7200);
            boolean clicks = random.nextDouble() < CLICK_BY_ARM[arm];
            if (!clicks || random.nextDouble() >= OPEN_NOT_TRACKED) {
                sink.accept(second, event(random, second, EngagementType.OPENED, null));
            }
            if (!clicks) {
                return;
            }
            second += 5 + (long) (-Math.log(1 - random.nextDouble()) * 600);
            sink.accept(second, event(random, second, EngagementType.CLICKED, null));
            if (random.nextDouble() >= CONVERT_BY_ARM[arm]) {
                return;
            }
            second += 30 + (long) (-Math.log(1 - random.nextDouble()) * 3600);
            double value = Math.exp(4.3 + 0.6 * random.nextGaussian());
            sink.accept(second, event(random, second, EngagementType.CONVERTED,
                    BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP)));
        }

        EngagementEvent event(SplittableRandom random, long second, EngagementType type, BigDecimal revenue) {
            return new EngagementEvent(uuid(random), EngagementEvent.SCHEMA_VERSION, START.plusSeconds(second), id,
                    EXPERIMENT, ARMS[arm], segmentId, variantId(), type, revenue, EngagementSource.LIVE);
        }
    }

    private static UUID uuid(SplittableRandom random) {
        // A version-4 layout from the seeded generator (UUID.randomUUID would be slow and unseeded).
        long high = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
