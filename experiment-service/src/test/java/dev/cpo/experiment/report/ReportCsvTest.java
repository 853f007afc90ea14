package dev.cpo.experiment.report;

import static dev.cpo.experiment.report.ReportFixtures.EXP;
import static dev.cpo.experiment.report.ReportFixtures.NOW;
import static dev.cpo.experiment.report.ReportFixtures.cells;
import static dev.cpo.experiment.report.ReportFixtures.definition;
import static dev.cpo.experiment.report.ReportFixtures.tally;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.Tone;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ExperimentDesign;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.ledger.Tally;
import dev.cpo.experiment.ledger.TallyKey;
import dev.cpo.experiment.stats.ExperimentMetrics;
import dev.cpo.experiment.stats.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCsvTest {

    private static final int COLUMNS = 21;

    private final ExperimentReport report = new ReportBuilder().build(definition(Metric.CONVERSION), cells(), NOW);

    /** RFC 4180 records: CRLF-terminated lines, quoted fields with doubled quotes (no line breaks in fields here). */
    private static List<List<String>> parse(String csv) {
        assertThat(csv).endsWith("\r\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.substring(0, csv.length() - 2).split("\r\n", -1)) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            fields.add(field.toString());
            rows.add(fields);
        }
        return rows;
    }

    private static List<String> row(List<List<String>> rows, String kind, String arm, String metric) {
        return rows.stream().filter(r -> r.get(0).equals(kind) && r.get(2).equals(arm) && r.get(3).equals(metric))
                .findFirst().orElseThrow();
    }

    private static String num(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    @Test
    void headerThenFourRowsPerArmThenOneRowPerTreatmentAndMetric() {
        List<List<String>> rows = parse(ReportCsv.write(report));

        assertThat(String.join(",", rows.get(0))).isEqualTo(ReportCsv.HEADER);
        assertThat(rows.get(0)).hasSize(COLUMNS).startsWith("row", "experiment", "arm", "metric");
        // 1 header + 4 arms x (open, click, conversion, revenue) + 3 treatments x 4 metrics = 1 + 16 + 12
        assertThat(rows).hasSize(29);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(COLUMNS));
        assertThat(rows.subList(1, 17)).allSatisfy(r -> assertThat(r.get(0)).isEqualTo("arm"));
        assertThat(rows.subList(17, 29)).allSatisfy(r -> assertThat(r.get(0)).isEqualTo("comparison"));
        assertThat(rows.subList(1, 5)).extracting(r -> r.get(2) + "/" + r.get(3))
                .containsExactly("control/open", "control/click", "control/conversion", "control/revenue");
        assertThat(rows.subList(17, 29)).extracting(r -> r.get(2)).doesNotContain("control");
        assertThat(rows.subList(1, 29)).allSatisfy(r -> assertThat(r.get(1)).isEqualTo(EXP));
    }

    @Test
    void armRowsCarryCountsAndRates() {
        List<List<String>> rows = parse(ReportCsv.write(report));
        ExperimentMetrics.ArmSummary control = report.analysis().arms().get(0);

        // control open: n 150, 60 opens, 60 / 150 = 0.4
        List<String> open = row(rows, "arm", "control", "open");
        assertThat(open.subList(4, 7)).containsExactly("150", "60", "0.4");
        assertThat(open.get(7)).isEqualTo(num(control.openRate().lower()));
        assertThat(open.get(8)).isEqualTo(num(control.openRate().upper()));
        assertThat(open.subList(9, COLUMNS)).allSatisfy(f -> assertThat(f).isEmpty());

        assertThat(row(rows, "arm", "urgent", "click").subList(4, 6)).containsExactly("150", "28");
        assertThat(row(rows, "arm", "informational", "conversion").subList(4, 6)).containsExactly("150", "11");

        // revenue: no count, revenue per customer 120 / 150 = 0.8
        List<String> revenue = row(rows, "arm", "control", "revenue");
        assertThat(revenue.get(4)).isEqualTo("150");
        assertThat(revenue.get(5)).isEmpty();
        assertThat(Double.parseDouble(revenue.get(6))).isEqualTo(control.revenuePerCustomer());
        assertThat(revenue.subList(7, COLUMNS)).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void comparisonRowsCarryTheComparison() {
        List<List<String>> rows = parse(ReportCsv.write(report));
        ExperimentMetrics.Comparison c = report.analysis().comparisons().stream()
                .filter(x -> x.treatment().equals("urgent") && x.metric() == Metric.CONVERSION).findFirst()
                .orElseThrow();

        List<String> r = row(rows, "comparison", "urgent", "conversion");
        assertThat(r.subList(4, 6)).containsExactly("", "");
        // urgent 12 / 150 = 0.08, control 6 / 150 = 0.04
        assertThat(Double.parseDouble(r.get(6))).isEqualTo(0.08);
        assertThat(Double.parseDouble(r.get(9))).isEqualTo(0.04);
        assertThat(r.subList(7, 9)).containsExactly("", "");
        assertThat(r.subList(10, 13)).containsExactly(num(c.difference().value()), num(c.difference().lower()),
                num(c.difference().upper()));
        assertThat(r.subList(13, 16)).containsExactly(num(c.relativeLift().value()), num(c.relativeLift().lower()),
                num(c.relativeLift().upper()));
        assertThat(r.get(16)).isEqualTo(c.test().name().toLowerCase(Locale.ROOT));
        assertThat(r.subList(17, 21)).containsExactly(num(c.pValue()), num(c.holmAdjustedPValue()),
                num(c.bhAdjustedPValue()), String.valueOf(c.significant()));

        List<String> revenue = row(rows, "comparison", "friendly", "revenue");
        assertThat(revenue.get(16)).isEqualTo("welch_t");
    }

    @Test
    void formulaLikeAndSpecialTextIsNeutralisedAndQuoted() {
        ExperimentDesign design = new ExperimentDesign(EXP, List.of(Arm.control("=cmd", 1),
                Arm.treatment("a,b", Tone.URGENT, 1), Arm.treatment("say \"hi\"", Tone.FRIENDLY, 1),
                Arm.treatment("@sum", Tone.INFORMATIONAL, 1)), 1L, AllocationStrategy.SALTED_HASH);
        ExperimentDefinition definition = definition(design, Metric.CONVERSION);
        Map<TallyKey, Tally> cells = new LinkedHashMap<>();
        cells.put(new TallyKey(EXP, "=cmd", "s1"), tally(10, 10, 5, 2, 1, 10, 100, 0, 0, 0, 8));

        String csv = ReportCsv.write(new ReportBuilder().build(definition, cells, NOW));

        assertThat(csv).contains("\r\narm," + EXP + ",\"'=cmd\",open,10,5,");
        assertThat(csv).doesNotContain(",=cmd,");
        assertThat(csv).contains(",\"a,b\",").contains(",\"say \"\"hi\"\"\",").contains(",\"'@sum\",");
        List<List<String>> rows = parse(csv);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(COLUMNS));
        assertThat(rows.stream().map(r -> r.get(2)).distinct().toList())
                .containsExactly("arm", "'=cmd", "a,b", "say \"hi\"", "'@sum");

        assertThat(ReportCsv.text("plain")).isEqualTo("plain");
        assertThat(ReportCsv.text("+1")).isEqualTo("\"'+1\"");
        assertThat(ReportCsv.text("-1")).isEqualTo("\"'-1\"");
        assertThat(ReportCsv.text("\tx")).isEqualTo("\"'\tx\"");
        assertThat(ReportCsv.text("")).isEqualTo("");
        assertThat(Arrays.asList(ReportCsv.HEADER.split(",", -1))).hasSize(COLUMNS);
    }
}
