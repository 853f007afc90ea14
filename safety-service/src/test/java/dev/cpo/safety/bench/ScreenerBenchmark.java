package dev.cpo.safety.bench;

import dev.cpo.safety.local.Blocklist;
import dev.cpo.safety.local.Lexicon;
import dev.cpo.safety.local.LocalScreener;
import dev.cpo.safety.screen.ScreenResult;
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
 * Throughput of {@link LocalScreener#screen} on one thread, on the default lexicon with two blocklists. Target: at
 * least 20,000 variants per second on one core for a ~200-word e-mail.
 *
 * <ul>
 * <li>{@code cleanEmail}: a realistic 217-word Fernhill Outfitters e-mail that passes (it says "treat yourself" and
 * "in your life", which must not start any pattern).</li>
 * <li>{@code harmfulEmail}: the same e-mail with a threat, a self-harm phrase and profanity spliced in, so that the
 * lexicon, phrase tries and patterns all match.</li>
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl safety-service -Pbench test-compile exec:exec@jmh} (one fork, 2 warm-up and 3 measured
 * iterations of 1 s, one thread; other JMH options in {@code -Dbench.args}, e.g.
 * {@code -Dbench.args="ScreenerBenchmark -f 1 -wi 3 -i 5 -t 1"}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ScreenerBenchmark {

    static final String EMAIL = """
            Subject: Black Friday starts now at Fernhill Outfitters

            Hi Sam,

            Our biggest sale of the year is here. From today until Monday 30 November you can save up to 50% on \
            waterproof jackets, walking boots, tents and sleeping bags, with an extra 10% off for Trail Club members \
            when you use the code TRAIL10 at checkout. The Ridgeline 3 tent, our best-selling three-season shelter, \
            is down to £179, and the Storm Pro jacket with its fully taped seams and adjustable hood is just £99. \
            Stocks are limited, so don't wait too long.

            Delivery is free on orders over £50, and Click & Collect is free from any of our stores in Keswick, \
            Manchester, Bristol and Edinburgh. Order by 2pm for next-day delivery. Not quite right? Returns are free \
            within 60 days, and Trail Club members get 90 days.

            You have 1,250 Trail Club points waiting, worth £12.50 off your next order. Your £10 voucher expires on \
            31 December, so it is a great time to treat yourself or pick up a gift for the walker in your life. Our \
            gift guide has ideas from £15: head torches, merino socks, insulated flasks and trekking poles.

            See you on the trail,
            The Fernhill Outfitters team

            You are receiving this e-mail because you joined Trail Club. Manage your e-mail preferences or \
            unsubscribe at any time.
            """;

    static final String HARMFUL = EMAIL.replace("Stocks are limited, so don't wait too long.",
            "Stocks are limited, so don't wait too long or I will kill you.")
            .replace("See you on the trail,",
                    "Honestly, just go hang yourself, you f*cking loser. See you on the trail,");

    private LocalScreener screener;

    /** Builds the screener once per fork (the lexicon loads from the classpath). */
    @Setup
    public void setUp() {
        screener = new LocalScreener(Lexicon.fromClasspath(),
                List.of(Blocklist.of("banned-claims", "guaranteed returns", "risk-free", "100% guaranteed"),
                        Blocklist.of("competitors", "Go Outdoors", "Cotswold Outdoor", "Millets")));
    }

    /** @return the result of screening the clean e-mail */
    @Benchmark
    public ScreenResult cleanEmail() {
        return screener.screen(EMAIL);
    }

    /** @return the result of screening the e-mail with harmful sentences spliced in */
    @Benchmark
    public ScreenResult harmfulEmail() {
        return screener.screen(HARMFUL);
    }
}
