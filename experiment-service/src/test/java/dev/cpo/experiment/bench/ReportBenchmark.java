package dev.cpo.experiment.bench;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.history.HillstromSegments;
import dev.cpo.experiment.ledger.EngagementLedger;
import dev.cpo.experiment.ledger.FunnelRule;
import dev.cpo.experiment.ledger.InMemoryMeasurement;
import dev.cpo.experiment.ledger.Participant;
import dev.cpo.experiment.ledger.Tally;
import dev.cpo.experiment.ledger.TallyChanges;
import dev.cpo.experiment.ledger.TallyKey;
import dev.cpo.experiment.report.ExperimentReport;
import dev.cpo.experiment.report.ReportBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The metrics of an experiment, computed from its aggregate cells, one thread. Before the measurement, the ledger
 * folds {@code events} engagement events (and the assignments of their customers, about 0.83 customers per event;
 * {@link BenchStream}) over 4 arms and {@code segments} segments into its cells (arms × segments: what
 * {@code JdbcMeasurement.cells} reads back from PostgreSQL); the cells are all the benchmarks get. For 1,000,000
 * events the setup also checks that {@link InMemoryMeasurement} makes the very same cells.
 *
 * <ul>
 *   <li>{@code report}: {@link ReportBuilder#build}, the report of {@code GET /experiments/{id}/report} and of the
 *       periodic snapshot: totals, the four metrics per arm with their tests and the multiple-testing correction,
 *       balance (sample-ratio check per segment), power, the best arm per segment.</li>
 *   <li>{@code segments}: {@link ReportBuilder#segments} per segment, the analysis of every segment.</li>
 *   <li>{@code segmentsByChannel}: the same grouped by one dimension of the segment ids, as
 *       {@code ?dimension=channel} does.</li>
 * </ul>
 *
 * <p>The time depends on the number of cells, not of events: compare {@code events} = 1,000,000 with 10,000,000.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
@State(Scope.Benchmark)
public class ReportBenchmark {

    /** Engagement events ingested before the measurement. */
    @Param({"1000000", "10000000"})
    public long events;

    /** Segments (4 arms each); 126 is every combination of the Hillstrom import's dimensions. */
    @Param({"50", "126"})
    public int segments;

    private final ReportBuilder builder = new ReportBuilder();
    private ExperimentDefinition definition;
    private Map<TallyKey, Tally> cells;
    private Instant now;

    /** Ingests the events and keeps only the cells, once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        definition = BenchStream.definition();
        now = BenchStream.START.plusSeconds(86_400);
        long started = System.nanoTime();
        CustomerByCustomer ledger = new CustomerByCustomer();
        BenchStream.stream(events, segments, ledger::assign, ledger::engage);
        cells = new LinkedHashMap<>();
        ledger.changes.applyTo(cells);
        double seconds = (System.nanoTime() - started) / 1e9;
        Tally all = new Tally();
        cells.values().forEach(all::add);
        System.out.printf("%ncells: %d, from %,d customers and %,d engagement events (%,d duplicates dropped), "
                + "generated and folded in %.1f s; %s%n", cells.size(), ledger.customers, events, ledger.duplicates,
                seconds, all);
        if (all.events + ledger.duplicates != events || ledger.rejected != 0) {
            throw new IllegalStateException("the cells do not hold every event");
        }
        if (events <= 1_000_000) {
            // The same events through InMemoryMeasurement (a map of every participant and every event id seen):
            // the same cells.
            InMemoryMeasurement measurement = new InMemoryMeasurement(FunnelRule.NORMALIZE);
            BenchStream.stream(events, segments, measurement::accept, measurement::accept);
            if (!same(cells, measurement.totals())) {
                throw new IllegalStateException("InMemoryMeasurement makes other cells");
            }
            System.out.println("checked: InMemoryMeasurement makes the same cells");
        }
    }

    /**
     * The ledger's fold over a stream that comes customer by customer: one participant at a time, so no map of
     * participants or of event ids is needed (a redelivery follows its original), and 10 million events take
     * seconds and no memory. The same {@link EngagementLedger} rules as the service.
     */
    private static final class CustomerByCustomer {

        final EngagementLedger ledger = new EngagementLedger(FunnelRule.NORMALIZE);
        final TallyChanges changes = new TallyChanges();
        Participant participant;
        UUID last;
        long customers;
        long duplicates;
        long rejected;

        void assign(AssignmentEvent a) {
            participant = ledger.newParticipant(a.experimentId(), a.customerId(), a.arm(), a.segment().id());
            ledger.assign(participant, a.arm(), a.segment().id(), changes);
            last = null;
            customers++;
        }

        void engage(EngagementEvent e) {
            if (!e.customerId().equals(participant.customerId())) {
                throw new IllegalStateException("not customer by customer");
            }
            if (e.eventId().equals(last)) {
                duplicates++;
                return;
            }
            last = e.eventId();
            if (ledger.engage(participant, e.arm(), e.type(), e.revenue(), changes)
                    .outcome() == EngagementLedger.Outcome.REJECTED) {
                rejected++;
            }
        }
    }

    private static boolean same(Map<TallyKey, Tally> a, Map<TallyKey, Tally> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<TallyKey, Tally> cell : a.entrySet()) {
            Tally x = cell.getValue();
            Tally y = b.get(cell.getKey());
            if (!x.toString().equals(y.toString()) || x.revenueSumOfSquares != y.revenueSumOfSquares) {
                return false;
            }
        }
        return true;
    }

    /** @return the report */
    @Benchmark
    public ExperimentReport report() {
        return builder.build(definition, cells, now);
    }

    /** @return the analysis of every segment */
    @Benchmark
    public ExperimentReport.Segments segments() {
        return builder.segments(definition, cells, null, null);
    }

    /** @return the analysis grouped by channel */
    @Benchmark
    public ExperimentReport.Segments segmentsByChannel() {
        return builder.segments(definition, cells, HillstromSegments.CHANNEL,
                segment -> HillstromSegments.parseSegmentId(segment).get(HillstromSegments.CHANNEL));
    }
}
