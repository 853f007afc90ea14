package dev.cpo.retrieval.throughput;

import dev.cpo.events.EventCodec;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.events.Topics;
import dev.cpo.testing.bench.StageThroughput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * retrieval-service end to end on the real broker, cached path (see BENCHMARKS.md): segments events of the seven RFM
 * segments in, one content event per customer out. Arguments: measured events (default 100,000) and warm-up events
 * (default 20,000).
 */
public final class ThroughputBenchmark {

    private static final List<Segment> SEGMENTS = List.of("Champions", "Loyal", "Potential Loyalists", "New",
            "At Risk", "Hibernating", "Lost").stream()
            .map(label -> new Segment("rfm-" + label.toLowerCase().replace(' ', '-'), label, "rfm", "rfm-bench"))
            .toList();

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        StageThroughput.Stage stage = new StageThroughput.Stage("retrieval-service",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(), Topics.SEGMENTS, Topics.CONTENT,
                Topics.allWithDeadLetters(), null, Map.of());
        Instant now = Instant.now();
        SegmentFeatures features = new SegmentFeatures(30, 6, new BigDecimal("640.00"), 10, 800, "silver", true);
        StageThroughput.run(stage, (prefix, count) -> StageThroughput.keyed(Topics.SEGMENTS, count, prefix,
                key -> EventCodec.encode(new SegmentEvent(UUID.randomUUID(), SegmentEvent.SCHEMA_VERSION, now, key,
                        UUID.randomUUID(), SEGMENTS.get(Math.floorMod(key.hashCode(), SEGMENTS.size())), features))),
                warmUp, measured);
    }
}
