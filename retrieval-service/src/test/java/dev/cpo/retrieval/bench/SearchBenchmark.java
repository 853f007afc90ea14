package dev.cpo.retrieval.bench;

import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusLoader;
import dev.cpo.retrieval.search.LuceneContentSearch;
import dev.cpo.retrieval.search.SegmentQuery;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Latency and throughput of the embedded search, uncached, on one thread: every query is a real segment query (all
 * RFM, lifecycle and judged k-means segments, and the default), run against the shipped corpus. Run it from the
 * project root (see {@code BENCHMARKS.md}):
 *
 * <pre>
 * ./mvnw -q -pl retrieval-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cpo.retrieval.bench.SearchBenchmark [-Dexec.args="10 300000 10"]
 * </pre>
 *
 * Arguments: warm-up seconds (default 10), measured queries (default 300,000), throughput seconds (default 10).
 */
public final class SearchBenchmark {

    private static volatile long sink;

    private SearchBenchmark() {
    }

    /** @param args warm-up seconds, measured queries, throughput seconds */
    public static void main(String[] args) {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int throughputSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;

        Corpus corpus = CorpusLoader.fromClasspath();
        List<SegmentQuery> queries = BenchQueries.all();
        try (LuceneContentSearch search = new LuceneContentSearch(corpus, Clock.systemUTC(),
                LuceneContentSearch.Options.defaults())) {
            System.out.printf("corpus %s: %d documents, %d paragraphs indexed; %d distinct segment queries%n",
                    corpus.version(), corpus.size(), search.indexedParagraphs(), queries.size());
            System.out.printf("JVM %s %s, %d processors, max heap %d MiB%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);

            long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            long warmed = 0;
            while (System.nanoTime() < warmupEnd) {
                sink += search.search(queries.get((int) (warmed++ % queries.size()))).size();
            }
            System.out.printf("warm-up: %,d queries in %d s%n", warmed, warmupSeconds);

            long[] nanos = new long[measured];
            for (int i = 0; i < measured; i++) {
                SegmentQuery query = queries.get(i % queries.size());
                long start = System.nanoTime();
                sink += search.search(query).size();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("latency over %,d queries (µs): p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f%n",
                    measured, micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99), micros(nanos, 0.999),
                    nanos[measured - 1] / 1_000.0);

            long start = System.nanoTime();
            long end = start + throughputSeconds * 1_000_000_000L;
            long count = 0;
            while (System.nanoTime() < end) {
                for (SegmentQuery query : queries) {
                    sink += search.search(query).size();
                }
                count += queries.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput, one thread: %,.0f queries/s (%,d queries in %.1f s)%n", count / seconds,
                    count, seconds);

            int builds = 20;
            long buildStart = System.nanoTime();
            for (int i = 0; i < builds; i++) {
                search.rebuild(corpus);
            }
            System.out.printf("index rebuild: %.1f ms each (mean of %d)%n",
                    (System.nanoTime() - buildStart) / 1e6 / builds, builds);
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in microseconds. */
    private static double micros(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000.0;
    }
}
