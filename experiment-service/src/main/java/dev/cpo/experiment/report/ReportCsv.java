package dev.cpo.experiment.report;

import dev.cpo.experiment.stats.Estimate;
import dev.cpo.experiment.stats.ExperimentMetrics;
import java.util.Locale;

/**
 * The metrics as CSV (RFC 4180, one header line): one row per arm with its counts and rates, then one row per
 * treatment and metric with the comparison against the control. For spreadsheets; the JSON has every figure.
 */
public final class ReportCsv {

    /** The header line. */
    public static final String HEADER = "row,experiment,arm,metric,n,count,value,ci_low,ci_high,control_value,"
            + "difference,difference_low,difference_high,relative_lift,lift_low,lift_high,test,p_value,"
            + "holm_p_value,bh_p_value,significant";

    private ReportCsv() {
    }

    /**
     * @param report a report
     * @return the CSV text, lines ending in CRLF
     */
    public static String write(ExperimentReport report) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        String id = report.experimentId();
        for (ExperimentMetrics.ArmSummary arm : report.analysis().arms()) {
            armRow(out, id, arm.name(), "open", arm.n(), arm.opens(), arm.openRate());
            armRow(out, id, arm.name(), "click", arm.n(), arm.clicks(), arm.clickRate());
            armRow(out, id, arm.name(), "conversion", arm.n(), arm.conversions(), arm.conversionRate());
            out.append("arm,").append(text(id)).append(',').append(text(arm.name())).append(",revenue,")
                    .append(arm.n()).append(",,").append(num(arm.revenuePerCustomer()))
                    .append(",,,,,,,,,,,,,,\r\n");
        }
        for (ExperimentMetrics.Comparison c : report.analysis().comparisons()) {
            out.append("comparison,").append(text(id)).append(',').append(text(c.treatment())).append(',')
                    .append(c.metric().name().toLowerCase(Locale.ROOT)).append(",,,").append(num(c.treatmentValue()))
                    .append(",,,").append(num(c.controlValue())).append(',');
            estimate(out, c.difference());
            out.append(',');
            estimate(out, c.relativeLift());
            out.append(',').append(c.test() == null ? "" : c.test().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(num(c.pValue())).append(',').append(num(c.holmAdjustedPValue())).append(',')
                    .append(num(c.bhAdjustedPValue())).append(',').append(c.significant()).append("\r\n");
        }
        return out.toString();
    }

    private static void armRow(StringBuilder out, String id, String arm, String metric, long n, long count,
            Estimate rate) {
        out.append("arm,").append(text(id)).append(',').append(text(arm)).append(',').append(metric).append(',')
                .append(n).append(',').append(count).append(',');
        estimate(out, rate);
        out.append(",,,,,,,,,,,,\r\n");
    }

    private static void estimate(StringBuilder out, Estimate e) {
        if (e == null) {
            out.append(",,");
            return;
        }
        out.append(num(e.value())).append(',').append(num(e.lower())).append(',').append(num(e.upper()));
    }

    private static String num(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    /** Quotes a text field; a leading formula character is neutralised for spreadsheets. */
    static String text(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
