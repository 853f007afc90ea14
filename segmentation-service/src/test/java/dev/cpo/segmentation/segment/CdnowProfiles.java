package dev.cpo.segmentation.segment;

import dev.cpo.events.SegmentFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real customers for tests and benchmarks: the CDNOW purchase history (Fader &amp; Hardie), 69,659 transactions of
 * 23,570 customers who first bought in the first quarter of 1997, 1997-01-01 to 1998-06-30. Source: the
 * {@code CDNOW_master.txt} dataset shipped with CamDavidsonPilon/lifetimes ({@code lifetimes/datasets/}, MIT
 * licence), kept outside the repo at {@code ../shared/data/cdnow_master.txt} relative to the project root.
 *
 * <p>
 * Format: a header line, then whitespace-separated {@code customer_id date(yyyyMMdd) number_of_cds dollar_value}, CRLF.
 * Each customer becomes one {@link CustomerSnapshot} as of {@link #AS_OF} (1998-07-01T00:00Z): first purchase =
 * account creation, last purchase = last activity = last purchase, order count = number of transactions, total
 * spend = sum of dollar values (some transactions are $0.00); no tier, e-mail consent given.
 */
public final class CdnowProfiles {

    /** The system property that overrides where the file is. */
    public static final String PATH_PROPERTY = "cpo.cdnow.path";
    /** The instant the features are computed at: the day after the last transaction. */
    public static final Instant AS_OF = Instant.parse("1998-07-01T00:00:00Z");
    /** Customers in the file. */
    public static final int CUSTOMERS = 23_570;
    /** Transactions in the file. */
    public static final int TRANSACTIONS = 69_659;

    private static final Path RELATIVE = Path.of("shared", "data", "cdnow_master.txt");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowProfiles() {
    }

    /**
     * @return one snapshot per customer, ordered by customer id
     * @throws IllegalStateException if the data file cannot be found, with where it was looked for
     */
    public static List<CustomerSnapshot> snapshots() {
        return parse(locate());
    }

    /** @return one feature set per customer as of {@link #AS_OF}, ordered by customer id */
    public static List<SegmentFeatures> features() {
        FeatureExtractor extractor = new FeatureExtractor();
        List<SegmentFeatures> features = new ArrayList<>(CUSTOMERS);
        for (CustomerSnapshot s : snapshots()) {
            features.add(extractor.extract(s, AS_OF));
        }
        return features;
    }

    /**
     * Finds the file: the path in system property {@value #PATH_PROPERTY} if set, else
     * {@code shared/data/cdnow_master.txt} in the working directory or the nearest of its ancestors (the module
     * directory, the project root, the folder beside the project root that holds {@code shared/}).
     */
    static Path locate() {
        String override = System.getProperty(PATH_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("CDNOW data not found at " + p.toAbsolutePath() + " (from -D"
                        + PATH_PROPERTY + ")");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("CDNOW data not found: looked for " + RELATIVE + " in " + start
                + " and every folder above it. It lives in ../shared/data/ next to the project root (see "
                + "shared/data/README.md); or pass -D" + PATH_PROPERTY + "=/path/to/cdnow_master.txt");
    }

    static List<CustomerSnapshot> parse(Path file) {
        Map<String, Accumulator> byCustomer = new TreeMap<>();
        int transactions = 0;
        try (var lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("customer_id")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                if (fields.length != 4) {
                    throw new IllegalStateException("unexpected CDNOW line: " + line);
                }
                LocalDate date = LocalDate.parse(fields[1], DATE);
                byCustomer.computeIfAbsent(fields[0], id -> new Accumulator())
                        .add(date, new BigDecimal(fields[3]));
                transactions++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (transactions == 0) {
            throw new IllegalStateException("no transactions in " + file);
        }
        List<CustomerSnapshot> snapshots = new ArrayList<>(byCustomer.size());
        for (Map.Entry<String, Accumulator> e : byCustomer.entrySet()) {
            Accumulator a = e.getValue();
            Instant first = a.first.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant last = a.last.atStartOfDay().toInstant(ZoneOffset.UTC);
            snapshots.add(new CustomerSnapshot("cdnow-" + e.getKey(), first, last, last, a.orders, a.spend, null,
                    true));
        }
        return snapshots;
    }

    private static final class Accumulator {
        private LocalDate first;
        private LocalDate last;
        private int orders;
        private BigDecimal spend = BigDecimal.ZERO;

        void add(LocalDate date, BigDecimal dollars) {
            first = first == null || date.isBefore(first) ? date : first;
            last = last == null || date.isAfter(last) ? date : last;
            orders++;
            spend = spend.add(dollars);
        }
    }
}
