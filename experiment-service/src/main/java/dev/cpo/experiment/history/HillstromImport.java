package dev.cpo.experiment.history;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.EventIds;
import dev.cpo.events.Segment;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ExperimentDesign;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Imports Kevin Hillstrom's MineThatData e-mail experiment (2008; 64,000 customers randomly split into
 * {@code Mens E-Mail}, {@code Womens E-Mail} and {@code No E-Mail}, two weeks of outcomes) as pipeline events,
 * streaming: one {@link RowEvents} per valid data row to an {@link ImportSink}, nothing kept in memory but counters.
 *
 * <h2>Input</h2>
 * CSV after RFC 4180 (quoted fields may contain commas, e.g. {@code "6) $750 - $1,000"}; CRLF or LF), UTF-8. The
 * header (line 1) must name every column of {@link #COLUMNS}, in any order (matched case-insensitively, surrounding
 * blanks ignored); further columns are allowed and ignored; a required column named twice is an error. Empty lines
 * are skipped. Only {@code history_segment, zip_code, newbie, channel, segment, visit, conversion, spend} are used
 * and validated; {@code recency, history, mens, womens} must be present but are not read.
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li>experiment id: a constructor parameter, default {@value #DEFAULT_EXPERIMENT_ID}.</li>
 *   <li>row number: 1-based index of the data record (row 1 = the first record after the header), counting rejected
 *       records too, so a row keeps its number (and its ids) whatever else in the file is rejected.</li>
 *   <li>arm, from {@code segment}: {@code "No E-Mail"} → control arm {@value #NO_EMAIL}; {@code "Mens E-Mail"} →
 *       treatment {@value #MENS_EMAIL}; {@code "Womens E-Mail"} → treatment {@value #WOMENS_EMAIL} (treatments
 *       without tone; see {@link #design(String)}). Any other value rejects the line.</li>
 *   <li>customer id: {@code "hillstrom-" + row}.</li>
 *   <li>segment: from {@code history_segment, zip_code, channel, newbie}, see {@link HillstromSegments}, e.g. id
 *       {@code history=2-100-200;zip=surburban;channel=phone;newbie=0}, label
 *       {@code "$100 - $200 history, Surburban, Phone, returning"}, strategy {@code "hillstrom"}, model version
 *       {@code "hillstrom-2008"}.</li>
 *   <li>one {@link AssignmentEvent} per row: kind from the arm; tone and variant id null; subject and body describe
 *       the historical message (the original is not available); {@code emailConsent} true; causation id
 *       {@link #rowCausationId(String, long)} (a name-based UUID of experiment id and row); event id
 *       {@code EventIds.derive(causationId, "historical-import")}; occurred at {@code assignedAt} (constructor
 *       parameter, default {@code 2008-03-01T00:00:00Z}).</li>
 *   <li>{@link EngagementEvent}s, source {@link EngagementSource#HISTORICAL}, experiment id, arm and segment id
 *       copied, no variant id: {@code visit == 1} → {@link EngagementType#CLICKED} at {@code assignedAt + 1 day}, id
 *       {@code EventIds.derive(causationId, "historical-import/clicked")}; {@code conversion == 1} →
 *       {@link EngagementType#CONVERTED} at {@code assignedAt + 2 days} with revenue = {@code spend} (the exact
 *       decimal of the text), id {@code EventIds.derive(causationId, "historical-import/converted")}. No
 *       {@code OPENED} (the data has no opens) and no {@code DELIVERED}.</li>
 *   <li>Inconsistent but valid rows are emitted as the columns say and counted in the {@link ImportSummary}:
 *       conversion without visit, spend without conversion (spend not emitted), conversion with spend 0.</li>
 * </ul>
 *
 * <h2>Validation</h2>
 * A rejected line is reported as a {@link LineError} with its 1-based line (header = 1) and a reason naming the
 * column; the import goes on. Reasons: malformed CSV quoting, wrong column count, {@code visit}/{@code conversion}/
 * {@code newbie} not 0 or 1, {@code spend} not a non-negative decimal (plain digits with an optional fraction; no
 * exponent), empty {@code history_segment}/{@code zip_code}/{@code channel}, unknown {@code segment}. A header
 * without every required column is an error for line 1 and ends the import (nothing can be mapped).
 * {@link #validate(Reader, Consumer)} runs the same checks without handing out rows, so a caller can check a
 * whole file before publishing anything.
 *
 * <p>Instances are immutable and thread-safe; each call reads its own input.
 */
public final class HillstromImport {

    /** Default experiment id. */
    public static final String DEFAULT_EXPERIMENT_ID = "hillstrom-2008";
    /** Default assignment time: the campaign month of the data set. */
    public static final Instant DEFAULT_ASSIGNED_AT = Instant.parse("2008-03-01T00:00:00Z");
    /** The stage name in derived event ids. */
    public static final String STAGE = "historical-import";
    /** Control arm: no e-mail. */
    public static final String NO_EMAIL = "no-email";
    /** Treatment arm: the men's merchandise e-mail. */
    public static final String MENS_EMAIL = "mens-email";
    /** Treatment arm: the women's merchandise e-mail. */
    public static final String WOMENS_EMAIL = "womens-email";
    /** Prefix of the customer ids. */
    public static final String CUSTOMER_PREFIX = "hillstrom-";
    /** The columns the header must have. */
    public static final List<String> COLUMNS = List.of("recency", "history_segment", "history", "mens", "womens",
            "zip_code", "newbie", "channel", "segment", "visit", "conversion", "spend");

    /** Root of the row causation ids; fixed forever, changing it changes every imported id. */
    static final UUID ROW_ROOT = UUID.fromString("d0ec0513-bf35-477d-9c48-cdda05b4c8f1");

    private static final Duration CLICK_DELAY = Duration.ofDays(1);
    private static final Duration CONVERSION_DELAY = Duration.ofDays(2);
    private static final Pattern DECIMAL = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
    private static final int SEGMENT_CACHE_LIMIT = 10_000;

    private static final String TREATMENT_BODY = "Imported from the Hillstrom 2008 experiment; the original message is not available.";
    private static final String CONTROL_SUBJECT = "Historical control: No E-Mail";
    private static final String CONTROL_BODY = "No e-mail was sent (historical control).";

    /** The arms by the {@code segment} value. */
    private static final Map<String, ArmInfo> ARMS = Map.of(
            "No E-Mail", new ArmInfo(NO_EMAIL, ArmKind.CONTROL, CONTROL_SUBJECT, CONTROL_BODY),
            "Mens E-Mail", new ArmInfo(MENS_EMAIL, ArmKind.TREATMENT, "Historical campaign: Mens E-Mail",
                    TREATMENT_BODY),
            "Womens E-Mail", new ArmInfo(WOMENS_EMAIL, ArmKind.TREATMENT, "Historical campaign: Womens E-Mail",
                    TREATMENT_BODY));
    private static final String ARM_VALUES = "'No E-Mail', 'Mens E-Mail', 'Womens E-Mail'";

    private record ArmInfo(String name, ArmKind kind, String subject, String body) {
    }

    private final String experimentId;
    private final Instant assignedAt;

    /** An import with the default experiment id and assignment time. */
    public HillstromImport() {
        this(DEFAULT_EXPERIMENT_ID, DEFAULT_ASSIGNED_AT);
    }

    /**
     * @param experimentId the experiment id of every event (not blank)
     * @param assignedAt when the assignments happened; clicks are a day, conversions two days later (required)
     */
    public HillstromImport(String experimentId, Instant assignedAt) {
        if (experimentId == null || experimentId.isBlank()) {
            throw new IllegalArgumentException("experimentId must not be blank");
        }
        this.experimentId = experimentId;
        this.assignedAt = Objects.requireNonNull(assignedAt, "assignedAt");
    }

    /**
     * @return the experiment id of the events
     */
    public String experimentId() {
        return experimentId;
    }

    /**
     * @return the assignment time
     */
    public Instant assignedAt() {
        return assignedAt;
    }

    /**
     * The design of the imported experiment: arms {@value #NO_EMAIL} (control), {@value #MENS_EMAIL} and
     * {@value #WOMENS_EMAIL} (treatments without tone), weight 1 each (the split was even), seed 0, strategy
     * {@link AllocationStrategy#SALTED_HASH} (irrelevant: an import allocates nobody).
     *
     * @param experimentId the experiment id
     * @return the design
     */
    public static ExperimentDesign design(String experimentId) {
        return new ExperimentDesign(experimentId,
                List.of(Arm.control(NO_EMAIL, 1), Arm.untonedTreatment(MENS_EMAIL, 1),
                        Arm.untonedTreatment(WOMENS_EMAIL, 1)),
                0L, AllocationStrategy.SALTED_HASH);
    }

    /**
     * @param experimentId the experiment id
     * @param row the 1-based data row
     * @return the causation id of the row's events: {@code EventIds.derive(ROW_ROOT, experimentId + "/row/" + row)},
     *         a name-based UUID
     */
    public static UUID rowCausationId(String experimentId, long row) {
        return EventIds.derive(ROW_ROOT, experimentId + "/row/" + row);
    }

    /**
     * Imports a file, handing every valid row and every rejected line to the sink in file order.
     *
     * @param file the CSV file, UTF-8
     * @param sink receives rows and errors
     * @return the summary
     * @throws IOException if the file cannot be read (also if it is not UTF-8)
     */
    public ImportSummary importFrom(Path file, ImportSink sink) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importFrom(reader, sink);
        }
    }

    /**
     * Imports CSV text, handing every valid row and every rejected line to the sink in file order. Does not close
     * the reader.
     *
     * @param reader the CSV text
     * @param sink receives rows and errors
     * @return the summary
     * @throws IOException if the reader fails
     */
    public ImportSummary importFrom(Reader reader, ImportSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        return run(reader, sink::row, sink::error);
    }

    /**
     * Checks a file without handing out any row: the same checks and the same summary as an import.
     *
     * @param file the CSV file, UTF-8
     * @param errors receives the rejected lines
     * @return the summary
     * @throws IOException if the file cannot be read (also if it is not UTF-8)
     */
    public ImportSummary validate(Path file, Consumer<LineError> errors) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return validate(reader, errors);
        }
    }

    /**
     * Checks CSV text without handing out any row: the same checks and the same summary as an import. Does not close
     * the reader.
     *
     * @param reader the CSV text
     * @param errors receives the rejected lines
     * @return the summary
     * @throws IOException if the reader fails
     */
    public ImportSummary validate(Reader reader, Consumer<LineError> errors) throws IOException {
        Objects.requireNonNull(errors, "errors");
        return run(reader, row -> {
        }, errors);
    }

    private ImportSummary run(Reader reader, Consumer<RowEvents> rows, Consumer<LineError> errors)
            throws IOException {
        CsvRecordReader records = new CsvRecordReader(Objects.requireNonNull(reader, "reader"));
        Tally tally = new Tally();
        CsvRecordReader.CsvRecord header = records.next();
        Map<String, Integer> columns = header == null ? null : columns(header, tally, errors);
        if (header == null) {
            tally.error(errors, new LineError(1, "empty input: the header line is missing"));
        }
        if (columns == null) {
            return tally.summary(false);
        }
        int width = header.fields().size();
        Columns index = new Columns(columns);
        Map<String, Segment> segments = new HashMap<>();
        long row = 0;
        for (CsvRecordReader.CsvRecord record = records.next(); record != null; record = records.next()) {
            row++;
            tally.rowsRead++;
            List<String> problems = new ArrayList<>();
            Parsed parsed = parse(record, width, index, problems);
            RowEvents events = null;
            if (parsed != null) {
                try {
                    events = events(record.line(), row, parsed, segments);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            if (events == null) {
                tally.rowsRejected++;
                tally.error(errors, new LineError(record.line(), String.join("; ", problems)));
            } else {
                tally.add(parsed, events);
                rows.accept(events);
            }
        }
        return tally.summary(true);
    }

    /** Maps every required column to its index, or reports the header and returns null. */
    private static Map<String, Integer> columns(CsvRecordReader.CsvRecord header, Tally tally,
            Consumer<LineError> errors) {
        if (header.error() != null) {
            tally.error(errors, new LineError(header.line(), "header: " + header.error()));
            return null;
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> fields = header.fields();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip().toLowerCase(Locale.ROOT);
            if (COLUMNS.contains(name) && columns.putIfAbsent(name, i) != null && !duplicates.contains(name)) {
                duplicates.add(name);
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> missing = COLUMNS.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            problems.add("header is missing column" + (missing.size() > 1 ? "s " : " ") + quoted(missing));
        }
        if (!duplicates.isEmpty()) {
            problems.add("header names column" + (duplicates.size() > 1 ? "s " : " ") + quoted(duplicates)
                    + " more than once");
        }
        if (!problems.isEmpty()) {
            tally.error(errors, new LineError(header.line(), String.join("; ", problems)));
            return null;
        }
        return columns;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(name -> "'" + name + "'").toList());
    }

    private record Columns(int historySegment, int zipCode, int newbie, int channel, int segment, int visit,
            int conversion, int spend) {

        Columns(Map<String, Integer> columns) {
            this(columns.get("history_segment"), columns.get("zip_code"), columns.get("newbie"),
                    columns.get("channel"), columns.get("segment"), columns.get("visit"), columns.get("conversion"),
                    columns.get("spend"));
        }
    }

    /** The used values of a valid row. */
    private record Parsed(ArmInfo arm, String historySegment, String zipCode, String channel, boolean newbie,
            boolean visit, boolean conversion, BigDecimal spend) {
    }

    /** Parses a record, or adds the problems and returns null. */
    private static Parsed parse(CsvRecordReader.CsvRecord record, int width, Columns index, List<String> problems) {
        if (record.error() != null) {
            problems.add(record.error());
            return null;
        }
        List<String> fields = record.fields();
        if (fields.size() != width) {
            problems.add("wrong column count: expected " + width + ", found " + fields.size());
            return null;
        }
        String historySegment = text(fields, index.historySegment(), "history_segment", problems);
        String zipCode = text(fields, index.zipCode(), "zip_code", problems);
        Boolean newbie = flag(fields, index.newbie(), "newbie", problems);
        String channel = text(fields, index.channel(), "channel", problems);
        ArmInfo arm = ARMS.get(fields.get(index.segment()).strip());
        if (arm == null) {
            problems.add("column 'segment' must be one of " + ARM_VALUES);
        }
        Boolean visit = flag(fields, index.visit(), "visit", problems);
        Boolean conversion = flag(fields, index.conversion(), "conversion", problems);
        BigDecimal spend = null;
        String spendText = fields.get(index.spend()).strip();
        if (!DECIMAL.matcher(spendText).matches()) {
            problems.add("column 'spend' must be a non-negative decimal");
        } else {
            spend = new BigDecimal(spendText);
            if (spend.signum() < 0) {
                problems.add("column 'spend' must not be negative");
            } else if (spendText.startsWith("-")) {
                spend = spend.abs(); // "-0" or "-0.00": zero
            }
        }
        return problems.isEmpty()
                ? new Parsed(arm, historySegment, zipCode, channel, newbie, visit, conversion, spend)
                : null;
    }

    private static String text(List<String> fields, int index, String column, List<String> problems) {
        String value = fields.get(index).strip();
        if (value.isEmpty()) {
            problems.add("column '" + column + "' must not be empty");
        } else if (HillstromSegments.slug(value).isEmpty()) {
            problems.add("column '" + column + "' must contain a letter or digit");
        }
        return value;
    }

    private static Boolean flag(List<String> fields, int index, String column, List<String> problems) {
        String value = fields.get(index).strip();
        if (value.equals("1")) {
            return true;
        }
        if (value.equals("0")) {
            return false;
        }
        problems.add("column '" + column + "' must be 0 or 1");
        return null;
    }

    private RowEvents events(long line, long row, Parsed parsed, Map<String, Segment> segments) {
        String segmentKey = parsed.historySegment() + '\u0000' + parsed.zipCode() + '\u0000' + parsed.channel()
                + '\u0000' + parsed.newbie();
        Segment segment = segments.get(segmentKey);
        if (segment == null) {
            segment = HillstromSegments.segment(parsed.historySegment(), parsed.zipCode(), parsed.channel(),
                    parsed.newbie());
            if (segments.size() < SEGMENT_CACHE_LIMIT) {
                segments.put(segmentKey, segment);
            }
        }
        String customerId = CUSTOMER_PREFIX + row;
        UUID causationId = rowCausationId(experimentId, row);
        ArmInfo arm = parsed.arm();
        AssignmentEvent assignment = new AssignmentEvent(EventIds.derive(causationId, STAGE),
                AssignmentEvent.SCHEMA_VERSION, assignedAt, customerId, causationId, experimentId, arm.name(),
                arm.kind(), null, segment, null, arm.subject(), arm.body(), null, true);
        List<EngagementEvent> engagement = new ArrayList<>(2);
        if (parsed.visit()) {
            engagement.add(engagement(causationId, EngagementType.CLICKED, assignedAt.plus(CLICK_DELAY), customerId,
                    arm, segment, null));
        }
        if (parsed.conversion()) {
            engagement.add(engagement(causationId, EngagementType.CONVERTED, assignedAt.plus(CONVERSION_DELAY),
                    customerId, arm, segment, parsed.spend()));
        }
        return new RowEvents(line, assignment, engagement);
    }

    private EngagementEvent engagement(UUID causationId, EngagementType type, Instant occurredAt, String customerId,
            ArmInfo arm, Segment segment, BigDecimal revenue) {
        return new EngagementEvent(EventIds.derive(causationId, STAGE + "/" + type.wireName()),
                EngagementEvent.SCHEMA_VERSION, occurredAt, customerId, experimentId, arm.name(), segment.id(),
                null, type, revenue, EngagementSource.HISTORICAL);
    }

    /** The running counts of one import. */
    private final class Tally {
        long rowsRead;
        long rowsOk;
        long rowsRejected;
        long lineErrors;
        long clicks;
        long conversions;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal spend = BigDecimal.ZERO;
        long conversionsWithoutVisit;
        long spendWithoutConversion;
        long conversionsWithoutSpend;
        final Map<String, long[]> armCounts = new LinkedHashMap<>();
        final Map<String, BigDecimal> armRevenue = new HashMap<>();
        final Set<String> segmentIds = new HashSet<>();

        Tally() {
            for (String arm : List.of(NO_EMAIL, MENS_EMAIL, WOMENS_EMAIL)) {
                armCounts.put(arm, new long[3]);
                armRevenue.put(arm, BigDecimal.ZERO);
            }
        }

        void error(Consumer<LineError> errors, LineError error) {
            lineErrors++;
            errors.accept(error);
        }

        void add(Parsed parsed, RowEvents events) {
            rowsOk++;
            String arm = parsed.arm().name();
            long[] counts = armCounts.get(arm);
            counts[0]++;
            spend = spend.add(parsed.spend());
            segmentIds.add(events.assignment().segment().id());
            if (parsed.visit()) {
                clicks++;
                counts[1]++;
            }
            if (parsed.conversion()) {
                conversions++;
                counts[2]++;
                revenue = revenue.add(parsed.spend());
                armRevenue.merge(arm, parsed.spend(), BigDecimal::add);
                if (!parsed.visit()) {
                    conversionsWithoutVisit++;
                }
                if (parsed.spend().signum() == 0) {
                    conversionsWithoutSpend++;
                }
            } else if (parsed.spend().signum() > 0) {
                spendWithoutConversion++;
            }
        }

        ImportSummary summary(boolean headerValid) {
            Map<String, ImportSummary.ArmCounts> arms = new LinkedHashMap<>();
            armCounts.forEach((arm, counts) -> arms.put(arm,
                    new ImportSummary.ArmCounts(counts[0], counts[1], counts[2], armRevenue.get(arm))));
            return new ImportSummary(experimentId, headerValid, rowsRead, rowsOk, rowsRejected, lineErrors, rowsOk,
                    clicks, conversions, revenue, spend, arms, conversionsWithoutVisit, spendWithoutConversion,
                    conversionsWithoutSpend, segmentIds.size());
        }
    }
}
