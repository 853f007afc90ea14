package dev.cpo.experiment.bench;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.experiment.ledger.FunnelRule;
import dev.cpo.experiment.ledger.InMemoryMeasurement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Engagement ingestion into the aggregates, one thread, in engagement events per second (duplicates included, as on
 * the topic). One invocation plays a whole campaign's engagement stream (1,000,000 customers over 4 arms and 50
 * segments: 1,200,000 events in the order they occurred, 1.1% of them redelivered duplicates; see
 * {@link BenchStream}) into a fresh ledger that already holds the campaign's 1,000,000 assignments, as the service's
 * ledger does when the engagement arrives. The assignments are applied before each invocation, outside the timing.
 * An invocation takes seconds, so each iteration is one invocation; before it, a full collection (outside the
 * timing) drops the previous ledger and moves the new one to the old generation; the garbage and the growth of the
 * invocation itself are collected within the timing.
 *
 * <ul>
 *   <li>{@code ledger}: {@link InMemoryMeasurement#accept(EngagementEvent)} on decoded events: the de-duplication by
 *       event id, the participant's lookup, the funnel rule and the O(1) update of its cell.</li>
 *   <li>{@code decodeAndLedger}: the same from the JSON bytes, each one decoded and validated by
 *       {@link EventCodec#decode} first, as the Kafka edge does per record.</li>
 *   <li>{@code decode}: the decoding alone, to split the cost.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@OperationsPerInvocation(IngestionBenchmark.EVENTS)
@Threads(1)
@State(Scope.Benchmark)
public class IngestionBenchmark {

    /** Customers of the campaign. */
    static final int CUSTOMERS = 1_000_000;
    /** Segments of the campaign. */
    static final int SEGMENTS = 50;
    /** Engagement events of the campaign. */
    static final int EVENTS = 1_200_000;

    private AssignmentEvent[] assignments;
    private EngagementEvent[] events;
    private byte[][] json;

    /** Generates the campaign and encodes its events once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        BenchStream.Traffic traffic = BenchStream.traffic(CUSTOMERS, SEGMENTS, EVENTS);
        assignments = traffic.assignments;
        events = traffic.engagement;
        json = new byte[events.length][];
        long bytes = 0;
        for (int i = 0; i < events.length; i++) {
            json[i] = EventCodec.encode(events[i]);
            bytes += json[i].length;
        }
        System.out.printf("%nstream: %s, %d segments; JSON %.0f bytes per event on average%n", traffic, SEGMENTS,
                (double) bytes / events.length);
    }

    /** A ledger holding the campaign's assignments, fresh for every operation. */
    @State(Scope.Thread)
    public static class Ledger {

        InMemoryMeasurement measurement;

        /**
         * @param campaign the campaign
         */
        @Setup(Level.Invocation)
        public void assign(IngestionBenchmark campaign) {
            measurement = null;
            InMemoryMeasurement m = new InMemoryMeasurement(FunnelRule.NORMALIZE);
            for (AssignmentEvent a : campaign.assignments) {
                m.accept(a);
            }
            measurement = m;
            // The previous ledger is garbage and the new one was just allocated: a full collection here, outside the
            // timing, so that the invocation starts as a long-running service would, with its ledger in the old
            // generation and nothing left to collect from before.
            System.gc();
        }
    }

    /**
     * @param ledger the ledger with the assignments
     * @return the duplicates dropped
     */
    @Benchmark
    public long ledger(Ledger ledger) {
        InMemoryMeasurement m = ledger.measurement;
        for (EngagementEvent e : events) {
            m.accept(e);
        }
        return m.duplicates();
    }

    /**
     * @param ledger the ledger with the assignments
     * @return the duplicates dropped
     * @throws InvalidEventException never: every record is valid
     */
    @Benchmark
    public long decodeAndLedger(Ledger ledger) throws InvalidEventException {
        InMemoryMeasurement m = ledger.measurement;
        for (byte[] record : json) {
            m.accept(EventCodec.decode(record, EngagementEvent.class));
        }
        return m.duplicates();
    }

    /**
     * @param blackhole receives the events
     * @throws InvalidEventException never: every record is valid
     */
    @Benchmark
    public void decode(Blackhole blackhole) throws InvalidEventException {
        for (byte[] record : json) {
            blackhole.consume(EventCodec.decode(record, EngagementEvent.class));
        }
    }
}
