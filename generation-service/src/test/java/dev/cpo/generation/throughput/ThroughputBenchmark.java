package dev.cpo.generation.throughput;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.events.Snippet;
import dev.cpo.events.Topics;
import dev.cpo.testing.bench.StageThroughput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * generation-service end to end on the real broker and database, cached path (see BENCHMARKS.md): content events of
 * the seven RFM segments in (each with its own three or four snippets, as retrieval sends them), one variants event
 * per customer out, carrying the segment's three variants. The warm-up round generates the seven variant sets; the
 * measured round is served from the cache. Two modes: "concurrent" (one producer feeds the service while it runs, all
 * on the same cores) and "drain" (the input is on the broker before the service starts; the stage's capacity).
 * Arguments: measured events (default 100,000), warm-up events (20,000), mode (concurrent, drain or both).
 */
public final class ThroughputBenchmark {

    private static final List<Segment> SEGMENTS = List.of("Champions", "Loyal", "Potential Loyalists", "New",
            "At Risk", "Hibernating", "Lost").stream()
            .map(label -> new Segment("rfm-" + label.toLowerCase().replace(' ', '-'), label, "rfm", "rfm-bench"))
            .toList();

    private static final List<Snippet> POOL = List.of(
            new Snippet("birthday-rewards", "Birthday vouchers for Trail Club members", 0,
                    "Every Trail Club member gets a birthday voucher on the first day of their birthday month: £5"
                            + " for Bronze, £10 for Silver and £20 for Gold members. The voucher is valid for 30 days"
                            + " and can be used online or in store, with no minimum spend.",
                    0.9, "corpus/birthday-rewards.json"),
            new Snippet("black-friday-2026", "Black Friday 2026: up to 30% off", 0,
                    "Black Friday at Fernhill Outfitters starts at 10 am on Friday 27 November and runs until Monday"
                            + " 30 November 2026, with up to 30% off selected jackets, boots, tents and homeware online"
                            + " and in all four stores. Prices are marked on the product pages; no code is needed.",
                    0.85, "corpus/black-friday-2026.json"),
            new Snippet("delivery-options", "Delivery options and costs", 0,
                    "Standard delivery to UK mainland addresses costs £3.95 and takes 2 to 4 working days; it is free"
                            + " on orders of £50 or more. Next-day delivery costs £6.95 when you order by 8 pm Sunday"
                            + " to Thursday. Trail Club Silver members get free standard delivery on every order and"
                            + " Gold members free next-day delivery.",
                    0.8, "corpus/delivery-options.json"),
            new Snippet("fernhill-renew-trade-in", "Fernhill Renew: trade in your old gear", 0,
                    "Since April 2026, Fernhill Renew takes back Fernhill Originals and Summit Collection clothing"
                            + " and gear in any condition. Bring it to any of our stores and get a voucher on the spot:"
                            + " £40 for a waterproof jacket or a tent, £20 for an insulated jacket, and £10 for a"
                            + " fleece or a pair of boots.",
                    0.75, "corpus/fernhill-renew-trade-in.json"),
            new Snippet("fernhill-renew-trade-in", "Fernhill Renew: trade in your old gear", 1,
                    "Items in good condition are cleaned, repaired and sold again in our stores as Renewed, and the"
                            + " rest are taken apart for recycling. Renew vouchers are valid for 12 months and can be"
                            + " combined with Trail Club reward vouchers.",
                    0.7, "corpus/fernhill-renew-trade-in.json"));

    private ThroughputBenchmark() {
    }

    /** BENCH_SERVICE_JAVA_OPTIONS reaches the service only, e.g. to record a flight: -XX:StartFlightRecording=... */
    private static Map<String, String> serviceEnvironment() {
        String options = System.getenv("BENCH_SERVICE_JAVA_OPTIONS");
        return options == null ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", options);
    }

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        StageThroughput.Stage stage = new StageThroughput.Stage("generation-service",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(), Topics.CONTENT, Topics.VARIANTS,
                Topics.allWithDeadLetters(), "generation", serviceEnvironment());
        Instant now = Instant.now();
        SegmentFeatures features = new SegmentFeatures(30, 6, new BigDecimal("640.00"), 10, 800, "silver", true);
        StageThroughput.RecordFactory records = (prefix, count) -> StageThroughput.keyed(Topics.CONTENT, count, prefix,
                key -> {
                    int segment = Math.floorMod(key.hashCode(), SEGMENTS.size());
                    List<Snippet> snippets = List.of(POOL.get(segment % POOL.size()),
                            POOL.get((segment + 1) % POOL.size()), POOL.get((segment + 2) % POOL.size()));
                    return EventCodec.encode(new ContentEvent(UUID.randomUUID(), ContentEvent.SCHEMA_VERSION, now,
                            key, UUID.randomUUID(), SEGMENTS.get(segment), features, "corpus-bench", "lucene",
                            "bench query", snippets));
                });
        String mode = args.length > 2 ? args[2] : "both";
        if (!"drain".equals(mode)) {
            StageThroughput.run(stage, records, warmUp, measured);
        }
        if (!"concurrent".equals(mode)) {
            StageThroughput.drain(stage, records, Math.max(warmUp, 50_000), measured);
        }
    }
}
