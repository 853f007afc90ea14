package dev.cpo.segmentation.throughput;

import dev.cpo.events.Activity;
import dev.cpo.events.Consent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.CustomerProfile;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Topics;
import dev.cpo.testing.bench.StageThroughput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * segmentation-service end to end on the real broker and database (see BENCHMARKS.md): customer events in, one
 * segments event per customer out. Arguments: measured events (default 50,000) and warm-up events (default 10,000).
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        StageThroughput.Stage stage = new StageThroughput.Stage("segmentation-service",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(), Topics.CUSTOMERS, Topics.SEGMENTS,
                Topics.allWithDeadLetters(), "segmentation", Map.of());
        Instant now = Instant.now();
        Random random = new Random(7);
        StageThroughput.run(stage, (prefix, count) -> StageThroughput.keyed(Topics.CUSTOMERS, count, prefix,
                key -> EventCodec.encode(customer(key, now, random))), warmUp, measured);
    }

    private static CustomerEvent customer(String customerId, Instant now, Random random) {
        int orders = 1 + random.nextInt(20);
        BigDecimal spend = BigDecimal.valueOf(15 + random.nextDouble() * 80 * orders).setScale(2,
                RoundingMode.HALF_UP);
        Instant lastPurchase = now.minus(Duration.ofDays(random.nextInt(500)));
        return new CustomerEvent(UUID.randomUUID(), CustomerEvent.SCHEMA_VERSION, now, customerId, "bench",
                new CustomerProfile(null, null, null, "US", "en", lastPurchase.minus(Duration.ofDays(600)), null),
                new Consent(random.nextInt(10) > 0, null),
                new Activity(lastPurchase, lastPurchase.minus(Duration.ofDays(300)), lastPurchase, orders, spend,
                        "USD"),
                List.of());
    }
}
