package dev.cpo.experiment.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The import on the real Hillstrom file ({@code ../shared/data/hillstrom.csv}, 64,000 rows) against the figures
 * computed independently with pandas/SciPy ({@code src/test/resources/hillstrom/reference.json}).
 */
class HillstromImportFileTest {

    private static final Path DATA = Path.of("../../shared/data/hillstrom.csv");
    private static final Map<String, String> REFERENCE_ARMS = Map.of(HillstromImport.NO_EMAIL, "No E-Mail",
            HillstromImport.MENS_EMAIL, "Mens E-Mail", HillstromImport.WOMENS_EMAIL, "Womens E-Mail");
    private static final HillstromImport IMPORT = new HillstromImport();

    private static ImportSummary summary;
    private static List<LineError> errors;
    private static JsonNode reference;
    /** Recounted from the events themselves. */
    private static long rows;
    private static final Map<String, long[]> counted = new HashMap<>();
    private static final Map<String, BigDecimal> countedRevenue = new HashMap<>();
    private static final Set<String> customerIds = new HashSet<>();
    private static final Set<UUID> eventIds = new HashSet<>();
    private static final Set<String> segmentIds = new HashSet<>();
    private static final List<UUID> idsInOrder = new ArrayList<>();
    private static final List<String> problems = new ArrayList<>();
    private static long engagementEvents;

    @BeforeAll
    static void importFile() throws IOException {
        assertThat(DATA).exists();
        errors = new ArrayList<>();
        summary = IMPORT.importFrom(DATA, ImportSink.of(HillstromImportFileTest::check, errors::add));
        try (InputStream in = HillstromImportFileTest.class.getResourceAsStream("/hillstrom/reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    /** Checks one row's events and recounts them. */
    private static void check(RowEvents row) {
        rows++;
        AssignmentEvent a = row.assignment();
        if (row.line() != rows + 1) {
            problems.add("line " + row.line() + " for row " + rows);
        }
        if (!a.customerId().equals("hillstrom-" + rows)) {
            problems.add("customer id " + a.customerId() + " on row " + rows);
        }
        if (!a.causationId().equals(HillstromImport.rowCausationId("hillstrom-2008", rows))) {
            problems.add("causation id on row " + rows);
        }
        boolean control = a.arm().equals(HillstromImport.NO_EMAIL);
        if (a.kind() != (control ? ArmKind.CONTROL : ArmKind.TREATMENT) || a.tone() != null
                || a.variantId() != null || !a.emailConsent() || a.fallbackReason() != null
                || !a.occurredAt().equals(HillstromImport.DEFAULT_ASSIGNED_AT)
                || !a.experimentId().equals("hillstrom-2008")) {
            problems.add("assignment fields on row " + rows);
        }
        customerIds.add(a.customerId());
        eventIds.add(a.eventId());
        idsInOrder.add(a.eventId());
        segmentIds.add(a.segment().id());
        long[] counts = counted.computeIfAbsent(a.arm(), arm -> new long[3]);
        counts[0]++;
        EngagementType previous = null;
        for (EngagementEvent e : row.engagement()) {
            engagementEvents++;
            eventIds.add(e.eventId());
            idsInOrder.add(e.eventId());
            if (e.source() != EngagementSource.HISTORICAL || !e.arm().equals(a.arm())
                    || !e.customerId().equals(a.customerId()) || !e.segmentId().equals(a.segment().id())
                    || !e.experimentId().equals(a.experimentId()) || e.variantId() != null) {
                problems.add("engagement fields on row " + rows);
            }
            if (previous != null && previous.ordinal() >= e.type().ordinal()) {
                problems.add("engagement order on row " + rows);
            }
            previous = e.type();
            switch (e.type()) {
                case CLICKED -> {
                    counts[1]++;
                    if (!e.occurredAt().equals(a.occurredAt().plus(Duration.ofDays(1))) || e.revenue() != null) {
                        problems.add("click on row " + rows);
                    }
                }
                case CONVERTED -> {
                    counts[2]++;
                    if (!e.occurredAt().equals(a.occurredAt().plus(Duration.ofDays(2))) || e.revenue() == null) {
                        problems.add("conversion on row " + rows);
                    } else {
                        countedRevenue.merge(a.arm(), e.revenue(), BigDecimal::add);
                    }
                }
                default -> problems.add("unexpected " + e.type() + " on row " + rows);
            }
        }
    }

    @Test
    void everyRowIsImportedWithoutErrors() {
        assertThat(errors).isEmpty();
        assertThat(problems).isEmpty();
        assertThat(summary.clean()).isTrue();
        assertThat(summary.headerValid()).isTrue();
        assertThat(summary.rowsRead()).isEqualTo(64_000);
        assertThat(summary.rowsOk()).isEqualTo(64_000);
        assertThat(summary.rowsRejected()).isZero();
        assertThat(summary.assignments()).isEqualTo(64_000);
        assertThat(rows).isEqualTo(64_000);
        assertThat(summary.experimentId()).isEqualTo("hillstrom-2008");
    }

    @Test
    void perArmCountsMatchTheReference() {
        assertThat(summary.arms().keySet()).containsExactly("no-email", "mens-email", "womens-email");
        long n = 0;
        long clicks = 0;
        long conversions = 0;
        double revenue = 0;
        for (Map.Entry<String, ImportSummary.ArmCounts> entry : summary.arms().entrySet()) {
            JsonNode expected = reference.path("arms").path(REFERENCE_ARMS.get(entry.getKey()));
            assertThat(expected.isMissingNode()).isFalse();
            ImportSummary.ArmCounts arm = entry.getValue();
            assertThat(arm.assignments()).as(entry.getKey()).isEqualTo(expected.path("n").asLong());
            assertThat(arm.clicks()).as(entry.getKey()).isEqualTo(expected.path("click").path("count").asLong());
            assertThat(arm.conversions()).as(entry.getKey())
                    .isEqualTo(expected.path("conversion").path("count").asLong());
            assertThat(arm.revenue().doubleValue()).as(entry.getKey())
                    .isCloseTo(expected.path("revenue").path("sum").asDouble(), within(1e-6));
            // the mean revenue per customer, as the metrics will compute it
            assertThat(arm.revenue().doubleValue() / arm.assignments())
                    .isCloseTo(expected.path("revenue").path("mean").asDouble(), within(1e-12));
            // the events themselves say the same
            long[] fromEvents = counted.get(entry.getKey());
            assertThat(fromEvents).containsExactly(arm.assignments(), arm.clicks(), arm.conversions());
            assertThat(countedRevenue.get(entry.getKey())).isEqualByComparingTo(arm.revenue());
            n += arm.assignments();
            clicks += arm.clicks();
            conversions += arm.conversions();
            revenue += expected.path("revenue").path("sum").asDouble();
        }
        assertThat(summary.assignments()).isEqualTo(n);
        assertThat(summary.clicks()).isEqualTo(clicks).isEqualTo(9_394);
        assertThat(summary.conversions()).isEqualTo(conversions).isEqualTo(578);
        assertThat(summary.revenue().doubleValue()).isCloseTo(revenue, within(1e-6));
        // exact decimal totals (2 decimals at most in the file); the reference only has floating-point sums
        assertThat(summary.revenue()).isEqualByComparingTo("67258.13");
        assertThat(summary.arms().get("no-email").revenue()).isEqualByComparingTo("13908.33");
        assertThat(summary.arms().get("mens-email").revenue()).isEqualByComparingTo("30311.69");
        assertThat(summary.arms().get("womens-email").revenue()).isEqualByComparingTo("23038.11");
    }

    @Test
    void theFileHasNoInconsistentFunnels() {
        // in this file, spend > 0 only with a conversion, and every conversion had a visit and a spend
        assertThat(summary.conversionsWithoutVisit()).isZero();
        assertThat(summary.spendWithoutConversion()).isZero();
        assertThat(summary.conversionsWithoutSpend()).isZero();
        assertThat(summary.spend()).isEqualByComparingTo(summary.revenue());
    }

    @Test
    void idsAreUnique() {
        assertThat(customerIds).hasSize(64_000);
        assertThat(engagementEvents).isEqualTo(summary.clicks() + summary.conversions());
        assertThat(eventIds).hasSize((int) (64_000 + engagementEvents));
        assertThat(idsInOrder).hasSize(eventIds.size());
    }

    @Test
    void idsAreDeterministic() throws IOException {
        List<UUID> again = new ArrayList<>();
        ImportSummary second = new HillstromImport().importFrom(DATA, ImportSink.of(row -> {
            again.add(row.assignment().eventId());
            row.engagement().forEach(e -> again.add(e.eventId()));
        }, error -> {
        }));
        assertThat(again).isEqualTo(idsInOrder);
        assertThat(second).isEqualTo(summary);
    }

    @Test
    void segmentIdsParseIntoTheFourDimensions() {
        assertThat(segmentIds).hasSizeLessThanOrEqualTo(7 * 3 * 3 * 2).hasSize((int) summary.distinctSegments());
        Set<String> history = new HashSet<>();
        Set<String> zip = new HashSet<>();
        Set<String> channel = new HashSet<>();
        Set<String> newbie = new HashSet<>();
        for (String id : segmentIds) {
            Map<String, String> dimensions = HillstromSegments.parseSegmentId(id);
            assertThat(dimensions.keySet()).as(id).containsExactly("history", "zip", "channel", "newbie");
            history.add(dimensions.get("history"));
            zip.add(dimensions.get("zip"));
            channel.add(dimensions.get("channel"));
            newbie.add(dimensions.get("newbie"));
        }
        assertThat(history).containsExactlyInAnyOrder("1-0-100", "2-100-200", "3-200-350", "4-350-500",
                "5-500-750", "6-750-1-000", "7-1-000");
        assertThat(zip).containsExactlyInAnyOrder("surburban", "urban", "rural");
        assertThat(channel).containsExactlyInAnyOrder("web", "phone", "multichannel");
        assertThat(newbie).containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void validateOnlyGivesTheSameSummaryWithoutRows() throws IOException {
        List<LineError> validationErrors = new ArrayList<>();
        ImportSummary validated = IMPORT.validate(DATA, validationErrors::add);
        assertThat(validationErrors).isEmpty();
        assertThat(validated).isEqualTo(summary);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void theWholeFileGoesThroughInAFewSeconds() throws IOException {
        long start = System.nanoTime();
        ImportSummary again = IMPORT.importFrom(DATA, ImportSink.of(row -> {
        }, error -> {
        }));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(again.rowsOk()).isEqualTo(64_000);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDifferentExperimentIdGivesDifferentIds() throws IOException {
        List<RowEvents> first = new ArrayList<>();
        try (var reader = Files.newBufferedReader(DATA)) {
            new HillstromImport("hillstrom-replay", HillstromImport.DEFAULT_ASSIGNED_AT)
                    .importFrom(reader, ImportSink.of(row -> {
                        if (first.size() < 100) {
                            first.add(row);
                        }
                    }, error -> {
                    }));
        }
        for (int i = 0; i < first.size(); i++) {
            AssignmentEvent a = first.get(i).assignment();
            assertThat(a.experimentId()).isEqualTo("hillstrom-replay");
            assertThat(a.customerId()).isEqualTo("hillstrom-" + (i + 1));
            assertThat(eventIds).doesNotContain(a.eventId(), a.causationId());
        }
    }
}
