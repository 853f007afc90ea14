package dev.cpo.cli.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders the JSON of {@code GET /experiments/{id}/metrics} (experiment-service's {@code ExperimentReport}) as a
 * readable text table: per arm n, the measured rates with their 95 % Wilson intervals and revenue per customer; per
 * treatment the lift against the control with its interval, the Holm-adjusted p-value and significance on the
 * primary metric and, compactly, on the other metrics; the sample-ratio check; the best arm; the power plan.
 *
 * <p>Works on the parsed JSON tree, so it needs no experiment-service classes; fields it does not find are shown as
 * {@code -}. Reused by any command that ends with an experiment's summary.
 */
public final class MetricsTable {

    private static final String NONE = "-";
    private static final List<String> RATE_METRICS = List.of("OPEN", "CLICK", "CONVERSION");

    private MetricsTable() {
    }

    /**
     * @param report the metrics JSON
     * @return the table, lines ending with {@code \n}
     */
    public static String render(JsonNode report) {
        StringBuilder out = new StringBuilder();
        JsonNode analysis = report.path("analysis");
        String primary = upper(text(report.path("primaryMetric"), text(analysis.path("bestArmMetric"), "CONVERSION")));
        double alpha = analysis.path("alpha").asDouble(0.05);

        out.append("Experiment ").append(text(report.path("experimentId"), "?"));
        String name = text(report.path("name"), null);
        if (name != null) {
            out.append(" - ").append(name);
        }
        out.append('\n');
        out.append("  ").append(lower(text(report.path("source"), "?"))).append(", ")
                .append(lower(text(report.path("status"), "?"))).append(", computed ")
                .append(text(report.path("computedAt"), "?")).append('\n');
        JsonNode totals = report.path("totals");
        if (totals.isObject()) {
            out.append("  assigned ").append(count(totals.path("assigned"))).append(", delivered ")
                    .append(count(totals.path("delivered"))).append(", engagement events ")
                    .append(count(totals.path("engagementEvents"))).append(", segments ")
                    .append(count(totals.path("segments"))).append('\n');
        }
        out.append('\n');

        List<String> rates = measuredRates(analysis.path("comparisons"), primary);
        appendArms(out, analysis.path("arms"), rates);
        out.append('\n');
        appendComparisons(out, analysis.path("comparisons"), primary, alpha);
        appendChecks(out, report, analysis, primary);
        return out.toString();
    }

    /** The rate metrics to show: those compared (the experiment's metrics), else all three. */
    private static List<String> measuredRates(JsonNode comparisons, String primary) {
        Set<String> compared = new LinkedHashSet<>();
        for (JsonNode c : comparisons) {
            compared.add(upper(text(c.path("metric"), "")));
        }
        if (RATE_METRICS.contains(primary)) {
            compared.add(primary);
        }
        List<String> shown = RATE_METRICS.stream().filter(compared::contains).toList();
        return shown.isEmpty() ? RATE_METRICS : shown;
    }

    private static void appendArms(StringBuilder out, JsonNode arms, List<String> rates) {
        List<String> header = new ArrayList<>(List.of("arm", "", "n"));
        rates.forEach(r -> header.add(lower(r) + " rate [95% CI]"));
        header.add("revenue/customer");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (JsonNode arm : arms) {
            List<String> row = new ArrayList<>();
            row.add(text(arm.path("name"), "?"));
            row.add(arm.path("control").asBoolean(false) ? "control" : "");
            row.add(count(arm.path("n")));
            for (String rate : rates) {
                row.add(estimate(arm.path(lower(rate) + "Rate"), true));
            }
            row.add(number(arm.path("revenuePerCustomer"), 2));
            rows.add(row);
        }
        table(out, rows, Set.of(2));
    }

    private static void appendComparisons(StringBuilder out, JsonNode comparisons, String primary, double alpha) {
        if (!comparisons.isArray() || comparisons.isEmpty()) {
            out.append("No comparisons yet (a control and a treatment with data are needed).\n");
            return;
        }
        out.append("Primary metric: ").append(lower(primary)).append(" (vs control; p Holm-adjusted across all ")
                .append("treatments x metrics; significant at alpha ").append(plain(alpha)).append(")\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("arm", "vs", "value", "control", "lift [95% CI]", "p (Holm)", "significant"));
        for (JsonNode c : comparisons) {
            if (!upper(text(c.path("metric"), "")).equals(primary)) {
                continue;
            }
            boolean proportion = !"REVENUE".equals(primary);
            rows.add(List.of(text(c.path("treatment"), "?"), text(c.path("control"), "?"),
                    proportion ? percent(c.path("treatmentValue")) : number(c.path("treatmentValue"), 2),
                    proportion ? percent(c.path("controlValue")) : number(c.path("controlValue"), 2),
                    lift(c.path("relativeLift")), pValue(c.path("holmAdjustedPValue")),
                    c.path("significant").asBoolean(false) ? "YES" : "no"));
        }
        table(out, rows, Set.of());

        List<String> others = new ArrayList<>();
        for (JsonNode c : comparisons) {
            String metric = upper(text(c.path("metric"), ""));
            if (metric.equals(primary)) {
                continue;
            }
            others.add("  " + text(c.path("treatment"), "?") + " " + lower(metric) + ": lift "
                    + signedPercent(c.path("relativeLift").path("value")) + ", p(Holm) "
                    + pValue(c.path("holmAdjustedPValue")) + (c.path("significant").asBoolean(false) ? " *" : ""));
        }
        if (!others.isEmpty()) {
            out.append("Other metrics (* significant):\n");
            others.forEach(line -> out.append(line).append('\n'));
        }
        out.append('\n');
    }

    private static void appendChecks(StringBuilder out, JsonNode report, JsonNode analysis, String primary) {
        JsonNode srm = analysis.path("srm");
        if (srm.isObject()) {
            boolean mismatch = srm.path("mismatch").asBoolean(false);
            out.append("SRM (sample ratio): p = ").append(pValue(srm.path("pValue"))).append(" (flag below ")
                    .append(plain(srm.path("threshold").asDouble(0.001))).append("): ")
                    .append(mismatch ? "MISMATCH - check the assignment before trusting the results" : "ok")
                    .append('\n');
        } else {
            out.append("SRM (sample ratio): - (fewer than 2 arms)\n");
        }
        String best = text(analysis.path("bestArm"), null);
        out.append("Best arm (").append(lower(text(analysis.path("bestArmMetric"), primary))).append("): ")
                .append(best == null ? NONE : best);
        if (best != null) {
            out.append(analysis.path("bestArmSignificant").asBoolean(false)
                    ? " (significantly better than the control)"
                    : " (not significantly better than the control)");
        }
        out.append('\n');
        JsonNode power = report.path("power");
        if (power.isObject()) {
            out.append("Power: ");
            if (power.path("requiredPerArm").isNumber()) {
                out.append("required n per arm ").append(count(power.path("requiredPerArm")));
            } else {
                out.append("required n per arm ").append(NONE);
            }
            out.append(" to detect a ").append(signedPercent(power.path("minimumDetectableEffect")))
                    .append(" relative lift on ").append(lower(text(power.path("metric"), primary)))
                    .append(" (baseline ").append(percent(power.path("baselineRate")))
                    .append(power.path("baselineObserved").asBoolean(false) ? " observed" : " planned")
                    .append(", alpha ").append(plain(power.path("alpha").asDouble(Double.NaN)))
                    .append(", power ").append(plain(power.path("power").asDouble(Double.NaN))).append(")\n");
            out.append("       smallest arm n ").append(count(power.path("smallestArmN"))).append(": ")
                    .append(power.path("enoughData").asBoolean(false) ? "enough data" : "not enough data yet");
            if (power.path("detectableRelativeEffect").isNumber()) {
                out.append("; detectable now: ").append(signedPercent(power.path("detectableRelativeEffect")))
                        .append(" relative");
            }
            out.append('\n');
        }
    }

    private static void table(StringBuilder out, List<List<String>> rows, Set<Integer> rightAligned) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(' ').append(rightAligned.contains(i) ? pad + cell : cell + pad).append(' ');
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String estimate(JsonNode e, boolean asPercent) {
        if (!e.path("value").isNumber()) {
            return NONE;
        }
        String value = asPercent ? percent(e.path("value")) : number(e.path("value"), 4);
        if (!e.path("lower").isNumber() || !e.path("upper").isNumber()) {
            return value;
        }
        return value + " [" + (asPercent ? percent(e.path("lower")) : number(e.path("lower"), 4)) + ", "
                + (asPercent ? percent(e.path("upper")) : number(e.path("upper"), 4)) + "]";
    }

    private static String lift(JsonNode e) {
        if (!e.path("value").isNumber()) {
            return NONE;
        }
        String value = signedPercent(e.path("value"));
        if (!e.path("lower").isNumber() || !e.path("upper").isNumber()) {
            return value;
        }
        return value + " [" + signedPercent(e.path("lower")) + ", " + signedPercent(e.path("upper")) + "]";
    }

    private static String percent(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f%%", n.asDouble() * 100) : NONE;
    }

    private static String signedPercent(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%+.1f%%", n.asDouble() * 100) : NONE;
    }

    private static String number(JsonNode n, int decimals) {
        return n.isNumber() ? String.format(Locale.ROOT, "%,." + decimals + "f", n.asDouble()) : NONE;
    }

    private static String count(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%,d", n.asLong()) : NONE;
    }

    private static String pValue(JsonNode n) {
        if (!n.isNumber()) {
            return NONE;
        }
        double p = n.asDouble();
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String plain(double d) {
        if (Double.isNaN(d)) {
            return NONE;
        }
        String s = String.format(Locale.ROOT, "%.4f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String text(JsonNode n, String fallback) {
        return n == null || n.isMissingNode() || n.isNull() ? fallback : n.asText();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
