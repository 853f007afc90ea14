package dev.cpo.experiment.throughput;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import dev.cpo.events.Topics;
import dev.cpo.testing.bench.StageThroughput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The measurement side of experiment-service end to end on the real broker and PostgreSQL (see BENCHMARKS.md): a
 * backlog of assignments and engagement for the default experiment {@code tone-test} is on the broker before the
 * service starts; the service's measurement consumer (group {@code experiment-service-measurement}, both topics in
 * one batched consumer, one transaction per poll) folds it into the aggregates, and the rate is timed by the group's
 * committed offsets ({@link StageThroughput#drainConsumerGroup}). A record is one consumed record of either topic.
 *
 * <p>Each round has its own customers ({@code warm-c<i>}, {@code bench-c<i>}), spread over the default design's four
 * arms and 20 segments: per customer one assignment (on {@code assignments}, published first) and a simulated
 * funnel (on {@code engagement}: delivered 97%, opened about 20% of those, clicked 15% of openers of which 8% report no
 * open, converted 28% of clickers with an order value; about 1% of the events delivered twice with the same event
 * id), the engagement ordered delivered, opened, clicked, converted, about 1.2 engagement events per customer. A
 * round of {@code n} records holds as many customers as it takes (about 0.45 n) and is cut at exactly {@code n}.
 *
 * <p>Arguments: measured records (default 200,000), warm-up records (default 50,000). Environment:
 * BENCH_SERVICE_JAVA_OPTIONS reaches the service only (e.g. {@code -XX:StartFlightRecording=...}); any
 * MP_MESSAGING_INCOMING_MEASURE_IN_* setting (e.g. {@code _MAX_POLL_RECORDS}) is inherited by the service.
 */
public final class MeasurementThroughputBenchmark {

    /** The default experiment, created by the service at its first start. */
    static final String EXPERIMENT = "tone-test";
    /** Its consumer group. */
    static final String GROUP = "experiment-service-measurement";
    /** The default design's arms, control first. */
    static final String[] ARMS = {"control", Tone.URGENT.wireName(), Tone.INFORMATIONAL.wireName(),
            Tone.FRIENDLY.wireName()};
    static final int SEGMENTS = 20;

    private static final double[] OPEN_BY_ARM = {0.18, 0.22, 0.20, 0.21};
    private static final double[] CLICK_BY_ARM = {0.14, 0.16, 0.15, 0.155};
    private static final double[] CONVERT_BY_ARM = {0.26, 0.29, 0.28, 0.29};
    private static final double DELIVERED = 0.97;
    private static final double OPEN_NOT_TRACKED = 0.08;
    private static final double DUPLICATES = 0.01;

    private MeasurementThroughputBenchmark() {
    }

    /**
     * The service's environment: the measurement consumer commits every 100 ms instead of the connector's default
     * 5 s (the timing is read from the commits). A system property, as an environment variable cannot add a setting
     * to a channel whose name has a dash (it would name a channel "measure"). BENCH_SERVICE_JAVA_OPTIONS is added.
     */
    private static Map<String, String> serviceEnvironment() {
        String options = "-Dmp.messaging.incoming.measure-in.auto.commit.interval.ms=100";
        String extra = System.getenv("BENCH_SERVICE_JAVA_OPTIONS");
        return Map.of("JAVA_TOOL_OPTIONS", extra == null ? options : options + " " + extra);
    }

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        StageThroughput.Stage stage = new StageThroughput.Stage("experiment-service measurement",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(), Topics.ENGAGEMENT, null,
                Topics.allWithDeadLetters(), "experiment", serviceEnvironment());
        String maxPoll = System.getenv("MP_MESSAGING_INCOMING_MEASURE_IN_MAX_POLL_RECORDS");
        System.out.println("max.poll.records: " + (maxPoll == null ? "2000 (application.properties)" : maxPoll));
        StageThroughput.drainConsumerGroup(stage, GROUP, MeasurementThroughputBenchmark::records, warmUp, measured);
    }

    /**
     * @param prefix the round's customer id prefix
     * @param count how many records
     * @return the round's assignments (on {@code assignments}), then its engagement (on {@code engagement})
     */
    static List<ProducerRecord<String, byte[]>> records(String prefix, int count) {
        SplittableRandom random = new SplittableRandom(20261123L ^ prefix.hashCode());
        Instant start = Instant.now();
        List<AssignmentEvent> assignments = new ArrayList<>();
        List<List<EngagementEvent>> byStep = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        int total = 0;
        for (int c = 0; total < count; c++) {
            String customer = prefix + "c" + c;
            int arm = random.nextInt(ARMS.length);
            double u = random.nextDouble();
            int segment = (int) (u * u * SEGMENTS);
            assignments.add(assignment(random, start, customer, arm, segment));
            total++;
            total += funnel(random, start, customer, arm, segment, byStep);
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (AssignmentEvent a : assignments) {
            records.add(new ProducerRecord<>(Topics.ASSIGNMENTS, a.customerId(), EventCodec.encode(a)));
        }
        for (List<EngagementEvent> step : byStep) {
            for (EngagementEvent e : step) {
                if (records.size() == count) {
                    break;
                }
                records.add(new ProducerRecord<>(Topics.ENGAGEMENT, e.customerId(), EventCodec.encode(e)));
            }
        }
        long engagement = records.stream().filter(r -> r.topic().equals(Topics.ENGAGEMENT)).count();
        System.out.printf("round %s: %,d records = %,d assignments + %,d engagement (%,d delivered, %,d opened,"
                + " %,d clicked, %,d converted before the cut at %,d)%n", prefix, records.size(), assignments.size(),
                engagement, byStep.get(0).size(), byStep.get(1).size(), byStep.get(2).size(), byStep.get(3).size(),
                count);
        return records;
    }

    private static AssignmentEvent assignment(SplittableRandom random, Instant at, String customer, int arm,
            int segment) {
        boolean control = arm == 0;
        return new AssignmentEvent(uuid(random), AssignmentEvent.SCHEMA_VERSION, at, customer, uuid(random),
                EXPERIMENT, ARMS[arm], control ? ArmKind.CONTROL : ArmKind.TREATMENT,
                control ? null : Tone.fromWire(ARMS[arm]), segment(segment), variantId(arm, segment),
                "News from us this month", "Hello, here is what is new in our shop this month.", null, true);
    }

    private static Segment segment(int segment) {
        return new Segment("bench-s" + segment, "Segment " + segment, "rfm-rules", "bench");
    }

    private static String variantId(int arm, int segment) {
        return arm == 0 ? null : "v-" + ARMS[arm] + "-" + segment;
    }

    /** Adds the customer's engagement, step by step; @return how many events (duplicates included) */
    private static int funnel(SplittableRandom random, Instant start, String customer, int arm, int segment,
            List<List<EngagementEvent>> byStep) {
        int[] n = {0};
        EngagementSink sink = (step, type, revenue, second) -> {
            EngagementEvent e = new EngagementEvent(uuid(random), EngagementEvent.SCHEMA_VERSION,
                    start.plusSeconds(second), customer, EXPERIMENT, ARMS[arm], segment(segment).id(),
                    variantId(arm, segment), type, revenue, EngagementSource.SIMULATED);
            byStep.get(step).add(e);
            n[0]++;
            if (random.nextDouble() < DUPLICATES) {
                byStep.get(step).add(e);
                n[0]++;
            }
        };
        if (random.nextDouble() >= DELIVERED) {
            return n[0];
        }
        long second = random.nextInt(3600);
        sink.accept(0, EngagementType.DELIVERED, null, second);
        double segmentFactor = 0.6 + 0.8 * (segment % 7) / 6.0;
        if (random.nextDouble() >= OPEN_BY_ARM[arm] * segmentFactor) {
            return n[0];
        }
        second += 60 + (long) (-Math.log(1 - random.nextDouble()) * 7200);
        boolean clicks = random.nextDouble() < CLICK_BY_ARM[arm];
        if (!clicks || random.nextDouble() >= OPEN_NOT_TRACKED) {
            sink.accept(1, EngagementType.OPENED, null, second);
        }
        if (!clicks) {
            return n[0];
        }
        second += 5 + (long) (-Math.log(1 - random.nextDouble()) * 600);
        sink.accept(2, EngagementType.CLICKED, null, second);
        if (random.nextDouble() >= CONVERT_BY_ARM[arm]) {
            return n[0];
        }
        second += 30 + (long) (-Math.log(1 - random.nextDouble()) * 3600);
        double value = Math.exp(4.3 + 0.6 * random.nextGaussian());
        sink.accept(3, EngagementType.CONVERTED, BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP), second);
        return n[0];
    }

    @FunctionalInterface
    private interface EngagementSink {
        void accept(int step, EngagementType type, BigDecimal revenue, long second);
    }

    private static UUID uuid(SplittableRandom random) {
        long high = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
