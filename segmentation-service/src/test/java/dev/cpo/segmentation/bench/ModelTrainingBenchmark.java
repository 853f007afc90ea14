package dev.cpo.segmentation.bench;

import dev.cpo.events.SegmentFeatures;
import dev.cpo.segmentation.segment.KMeansModel;
import dev.cpo.segmentation.segment.KMeansSettings;
import dev.cpo.segmentation.segment.KMeansTrainer;
import dev.cpo.segmentation.segment.RfmModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Time to fit the models on 100,000 customers, one training per iteration, on one thread: {@code cdnow} is CDNOW
 * resampled with replacement (seeded), {@code structureless} 100,000 distinct customers without cluster structure,
 * where k-means needs the most iterations. Run it as BENCHMARKS.md says.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class ModelTrainingBenchmark {

    private static final int CUSTOMERS = 100_000;

    /** Which population to train on. */
    @Param({"cdnow", "structureless"})
    public String population;

    private List<SegmentFeatures> customers;

    /** Builds the population once per fork. */
    @Setup
    public void setUp() {
        customers = "cdnow".equals(population)
                ? BenchPopulation.resampledCdnow(CUSTOMERS)
                : BenchPopulation.structureless(CUSTOMERS);
    }

    /** @return k-means with k chosen from 3 to 7 by silhouette (on a 2,000-customer sample) */
    @Benchmark
    public KMeansModel kmeansChooseK3To7() {
        return new KMeansTrainer(KMeansSettings.chooseK(3, 7, BenchPopulation.SEED)).train(customers, "bench");
    }

    /** @return k-means with a fixed k of 5 */
    @Benchmark
    public KMeansModel kmeansFixedK5() {
        return new KMeansTrainer(KMeansSettings.fixedK(5, BenchPopulation.SEED)).train(customers, "bench");
    }

    /** @return the RFM quintile boundaries */
    @Benchmark
    public RfmModel rfmFit() {
        return RfmModel.fit(customers, "bench");
    }
}
