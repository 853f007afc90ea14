package dev.cpo.segmentation.bench;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.segment.KMeansSegmenter;
import dev.cpo.segmentation.segment.KMeansSettings;
import dev.cpo.segmentation.segment.KMeansTrainer;
import dev.cpo.segmentation.segment.LifecycleSegmenter;
import dev.cpo.segmentation.segment.RfmModel;
import dev.cpo.segmentation.segment.RfmSegmenter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segment assignments per second, per strategy, on one thread: each operation assigns one CDNOW customer (cycling
 * through 16,384 of them, so the inputs vary like real traffic) with a model fitted on all 23,570. Run it as
 * BENCHMARKS.md says.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SegmentAssignmentBenchmark {

    private static final int MASK = (1 << 14) - 1;

    private SegmentFeatures[] customers;
    private RfmSegmenter rfm;
    private KMeansSegmenter kmeans;
    private LifecycleSegmenter lifecycle;
    private int next;

    /** Loads the customers and fits every model once per fork. */
    @Setup
    public void setUp() {
        List<SegmentFeatures> population = BenchPopulation.cdnow();
        customers = BenchPopulation.resampledCdnow(MASK + 1).toArray(new SegmentFeatures[0]);
        rfm = new RfmSegmenter(RfmModel.fit(population, "rfm-bench"));
        kmeans = new KMeansSegmenter(new KMeansTrainer(KMeansSettings.chooseK(3, 7, BenchPopulation.SEED))
                .train(population, "kmeans-bench"));
        lifecycle = new LifecycleSegmenter(90, 30);
    }

    private SegmentFeatures nextCustomer() {
        return customers[next++ & MASK];
    }

    /** @return one RFM assignment */
    @Benchmark
    public Segment rfm() {
        return rfm.assign(nextCustomer());
    }

    /** @return one k-means (nearest centroid) assignment */
    @Benchmark
    public Segment kmeans() {
        return kmeans.assign(nextCustomer());
    }

    /** @return one lifecycle assignment */
    @Benchmark
    public Segment lifecycle() {
        return lifecycle.assign(nextCustomer());
    }
}
