package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine on a real randomized e-mail experiment (Hillstrom, 64,000 customers, {@code ../shared/data}) against
 * figures computed independently with SciPy ({@code src/test/resources/hillstrom/reference.py}, output in
 * {@code reference.json}): per-arm rates with Wilson intervals, differences with Wald intervals, lifts, chi-square
 * and z-test p-values, Welch's t-test on revenue per customer, Holm and Benjamini-Hochberg adjustments, and SRM.
 */
class HillstromReferenceTest {

    private static final Path DATA = Path.of("../../shared/data/hillstrom.csv");
    private static final Map<String, String> ARMS = Map.of("No E-Mail", "control", "Mens E-Mail", "mens",
            "Womens E-Mail", "womens");
    private static final double TIGHT = 1e-9;

    private static ExperimentMetrics.Report report;
    private static JsonNode reference;

    @BeforeAll
    static void analyse() throws IOException {
        Map<String, ArmAggregate> aggregates = new LinkedHashMap<>();
        for (String arm : List.of("control", "mens", "womens")) {
            aggregates.put(arm, new ArmAggregate());
        }
        try (BufferedReader lines = Files.newBufferedReader(DATA, StandardCharsets.UTF_8)) {
            List<String> header = fields(lines.readLine());
            int segment = header.indexOf("segment");
            int visit = header.indexOf("visit");
            int conversion = header.indexOf("conversion");
            int spend = header.indexOf("spend");
            String line;
            while ((line = lines.readLine()) != null) {
                String[] row = fields(line).toArray(String[]::new);
                ArmAggregate arm = aggregates.get(ARMS.get(row[segment]));
                arm.addAssignment();
                if (row[visit].equals("1")) {
                    arm.addClick();
                }
                if (row[conversion].equals("1")) {
                    arm.addConversion(Double.parseDouble(row[spend]));
                }
            }
        }
        report = new ExperimentMetrics(0.05, Set.of(Metric.CLICK, Metric.CONVERSION, Metric.REVENUE),
                Metric.CONVERSION)
                .analyze(List.of(new ExperimentMetrics.Arm("control", true, aggregates.get("control")),
                        new ExperimentMetrics.Arm("mens", false, aggregates.get("mens")),
                        new ExperimentMetrics.Arm("womens", false, aggregates.get("womens"))));
        try (InputStream in = HillstromReferenceTest.class.getResourceAsStream("/hillstrom/reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void armsMatch() {
        for (ExperimentMetrics.ArmSummary arm : report.arms()) {
            JsonNode expected = reference.path("arms").path(referenceName(arm.name()));
            assertThat(arm.n()).isEqualTo(expected.path("n").asLong());
            assertThat(arm.clicks()).isEqualTo(expected.path("click").path("count").asLong());
            assertThat(arm.conversions()).isEqualTo(expected.path("conversion").path("count").asLong());
            assertRate(arm.clickRate(), expected.path("click"));
            assertRate(arm.conversionRate(), expected.path("conversion"));
            assertThat(arm.revenue()).isCloseTo(expected.path("revenue").path("sum").asDouble(), within(1e-6));
            assertThat(arm.revenuePerCustomer()).isCloseTo(expected.path("revenue").path("mean").asDouble(),
                    within(TIGHT));
            assertThat(arm.revenueStdDev()).isCloseTo(expected.path("revenue").path("sd").asDouble(), within(1e-8));
        }
        assertThat(report.arms()).extracting(ExperimentMetrics.ArmSummary::n).containsExactly(21306L, 21307L, 21387L);
    }

    @Test
    void comparisonsMatch() {
        assertThat(report.comparisons()).hasSize(6);
        for (JsonNode expected : reference.path("comparisons")) {
            String treatment = ARMS.get(expected.path("treatment").asText());
            Metric metric = Metric.valueOf(expected.path("metric").asText().toUpperCase());
            ExperimentMetrics.Comparison actual = report.comparisons().stream()
                    .filter(c -> c.treatment().equals(treatment) && c.metric() == metric).findFirst().orElseThrow();
            assertThat(actual.difference().value()).as("%s %s difference", treatment, metric)
                    .isCloseTo(expected.path("difference").asDouble(), within(TIGHT));
            if (metric == Metric.REVENUE) {
                assertThat(actual.test()).isEqualTo(TestKind.WELCH_T);
                assertThat(actual.pValue()).isCloseTo(expected.path("welchPValue").asDouble(), within(1e-9));
            } else {
                assertThat(actual.test()).isEqualTo(TestKind.CHI_SQUARE);
                assertThat(actual.difference().lower()).isCloseTo(expected.path("differenceLower").asDouble(),
                        within(TIGHT));
                assertThat(actual.difference().upper()).isCloseTo(expected.path("differenceUpper").asDouble(),
                        within(TIGHT));
                assertThat(actual.relativeLift().value()).isCloseTo(expected.path("lift").asDouble(), within(TIGHT));
                assertRelative(actual.pValue(), expected.path("chiSquarePValue").asDouble());
                assertRelative(actual.zTestPValue(), expected.path("zPValue").asDouble());
            }
            assertRelative(actual.holmAdjustedPValue(), expected.path("holm").asDouble());
            assertRelative(actual.bhAdjustedPValue(), expected.path("bh").asDouble());
        }
    }

    @Test
    void sampleRatioMatches() {
        assertThat(report.srm().chiSquare()).isCloseTo(reference.path("srm").path("chiSquare").asDouble(),
                within(TIGHT));
        assertThat(report.srm().pValue()).isCloseTo(reference.path("srm").path("pValue").asDouble(), within(1e-9));
        assertThat(report.srm().mismatch()).isFalse();
    }

    /** p-values from 1e-100 to 1: equal to 6 significant digits. */
    private static void assertRelative(Double actual, double expected) {
        assertThat(actual).isNotNull();
        assertThat(actual).isCloseTo(expected, within(Math.max(1e-300, Math.abs(expected) * 1e-6)));
    }

    private static void assertRate(Estimate actual, JsonNode expected) {
        assertThat(actual.value()).isCloseTo(expected.path("rate").asDouble(), within(TIGHT));
        assertThat(actual.lower()).isCloseTo(expected.path("wilsonLower").asDouble(), within(1e-8));
        assertThat(actual.upper()).isCloseTo(expected.path("wilsonUpper").asDouble(), within(1e-8));
    }

    /** One CSV line's fields; quoted fields may hold commas (history_segment "7) $1,000 +"). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String referenceName(String arm) {
        return ARMS.entrySet().stream().filter(e -> e.getValue().equals(arm)).findFirst().orElseThrow().getKey();
    }
}
