package dev.cpo.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

public class MetricsTableTest {

    /**
     * The shape of {@code GET /experiments/hillstrom-2008/metrics} (experiment-service's ExperimentReport as
     * Quarkus's Jackson writes it: enum names, ISO instants, nulls kept), trimmed to two treatments.
     */
    public static final String HILLSTROM = """
            {
              "experimentId": "hillstrom-2008",
              "name": "Hillstrom MineThatData e-mail experiment (imported)",
              "source": "HISTORICAL",
              "status": "STOPPED",
              "startAt": "2008-03-01T00:00:00Z",
              "stopAt": "2008-03-15T00:00:00Z",
              "computedAt": "2025-03-01T06:00:00Z",
              "primaryMetric": "CONVERSION",
              "totals": {"assigned": 64000, "delivered": 42693, "engagementEvents": 10220, "impliedOpens": 0,
                         "impliedClicks": 0, "unassignedEngaged": 0, "segments": 128},
              "analysis": {
                "alpha": 0.05,
                "arms": [
                  {"name": "no-email", "control": true, "n": 21306, "opens": 0, "clicks": 2262, "conversions": 122,
                   "revenue": 13908.97,
                   "openRate": {"value": 0.0, "lower": 0.0, "upper": 0.00018},
                   "clickRate": {"value": 0.10617, "lower": 0.10208, "upper": 0.11040},
                   "conversionRate": {"value": 0.005726, "lower": 0.004797, "upper": 0.006834},
                   "revenuePerCustomer": 0.652815, "revenueStdDev": 11.5},
                  {"name": "mens-email", "control": false, "n": 21307, "opens": 0, "clicks": 3894, "conversions": 268,
                   "revenue": 29304.44,
                   "openRate": {"value": 0.0, "lower": 0.0, "upper": 0.00018},
                   "clickRate": {"value": 0.18276, "lower": 0.17763, "upper": 0.18800},
                   "conversionRate": {"value": 0.012578, "lower": 0.011170, "upper": 0.014161},
                   "revenuePerCustomer": 1.422617, "revenueStdDev": 17.9},
                  {"name": "womens-email", "control": false, "n": 21387, "opens": 0, "clicks": 3260, "conversions": 189,
                   "revenue": 22690.73,
                   "openRate": {"value": 0.0, "lower": 0.0, "upper": 0.00018},
                   "clickRate": {"value": 0.15243, "lower": 0.14765, "upper": 0.15734},
                   "conversionRate": {"value": 0.008837, "lower": 0.007665, "upper": 0.010186},
                   "revenuePerCustomer": 1.077214, "revenueStdDev": 15.1}
                ],
                "comparisons": [
                  {"treatment": "mens-email", "control": "no-email", "metric": "CLICK", "treatmentValue": 0.18276,
                   "controlValue": 0.10617, "difference": {"value": 0.0766, "lower": 0.0698, "upper": 0.0834},
                   "relativeLift": {"value": 0.7214, "lower": 0.6342, "upper": 0.8133}, "test": "CHI_SQUARE",
                   "pValue": 1.0E-110, "zTestPValue": 1.0E-110, "holmAdjustedPValue": 6.0E-110,
                   "bhAdjustedPValue": 1.0E-110, "significant": true},
                  {"treatment": "mens-email", "control": "no-email", "metric": "CONVERSION", "treatmentValue": 0.012578,
                   "controlValue": 0.005726, "difference": {"value": 0.006852, "lower": 0.005012, "upper": 0.008692},
                   "relativeLift": {"value": 1.1966, "lower": 0.7760, "upper": 1.7167}, "test": "CHI_SQUARE",
                   "pValue": 2.4E-13, "zTestPValue": 1.9E-13, "holmAdjustedPValue": 9.6E-13,
                   "bhAdjustedPValue": 4.8E-13, "significant": true},
                  {"treatment": "womens-email", "control": "no-email", "metric": "CONVERSION",
                   "treatmentValue": 0.008837, "controlValue": 0.005726,
                   "difference": {"value": 0.003111, "lower": 0.001541, "upper": 0.004681},
                   "relativeLift": {"value": 0.5433, "lower": 0.2262, "upper": 0.9424}, "test": "CHI_SQUARE",
                   "pValue": 0.000128, "zTestPValue": 0.000121, "holmAdjustedPValue": 0.000384,
                   "bhAdjustedPValue": 0.000154, "significant": true},
                  {"treatment": "womens-email", "control": "no-email", "metric": "REVENUE", "treatmentValue": 1.077214,
                   "controlValue": 0.652815, "difference": {"value": 0.4244, "lower": 0.1, "upper": 0.7},
                   "relativeLift": {"value": 0.6501, "lower": 0.1, "upper": 1.3}, "test": "WELCH_T",
                   "pValue": 0.0121, "zTestPValue": null, "holmAdjustedPValue": 0.0242,
                   "bhAdjustedPValue": 0.0145, "significant": true}
                ],
                "srm": {"observed": [21306, 21307, 21387], "expected": [21333.3, 21333.3, 21333.3],
                        "chiSquare": 0.2, "pValue": 0.9056, "threshold": 0.001, "mismatch": false},
                "bestArmMetric": "CONVERSION",
                "bestArm": "mens-email",
                "bestArmSignificant": true
              },
              "arms": {"no-email": {"delivered": 0, "deliveryRate": 0.0, "impliedOpens": 0, "impliedClicks": 0,
                                    "unassignedEngaged": 0}},
              "balance": null,
              "power": {"metric": "CONVERSION", "baselineRate": 0.005726, "baselineObserved": true,
                        "minimumDetectableEffect": 0.15, "alpha": 0.05, "power": 0.8, "requiredPerArm": 131571,
                        "smallestArmN": 21306, "detectableAbsoluteEffect": 0.0027,
                        "detectableRelativeEffect": 0.4716, "enoughData": false},
              "bestArmBySegment": {"history=1) $0 - $100": "mens-email"}
            }
            """;

    @Test
    void rendersArmsPrimaryComparisonsChecksAndPower() throws Exception {
        JsonNode report = new ObjectMapper().readTree(HILLSTROM);

        String table = MetricsTable.render(report);

        assertThat(table).contains("Experiment hillstrom-2008 - Hillstrom MineThatData")
                .contains("historical, stopped")
                .contains("assigned 64,000");
        // only the measured rates: click and conversion, not open
        assertThat(table).contains("click rate [95% CI]").contains("conversion rate [95% CI]")
                .doesNotContain("open rate");
        assertThat(table).containsPattern("no-email +control +21,306 +10\\.62% \\[10\\.21%, 11\\.04%\\] +0\\.57% "
                + "\\[0\\.48%, 0\\.68%\\] +0\\.65");
        assertThat(table).containsPattern("mens-email +no-email +1\\.26% +0\\.57% +\\+119\\.7% \\[\\+77\\.6%, "
                + "\\+171\\.7%\\] +<0\\.0001 +YES");
        assertThat(table).containsPattern("womens-email +no-email +0\\.88% +0\\.57% +\\+54\\.3% \\[\\+22\\.6%, "
                + "\\+94\\.2%\\] +0\\.0004 +YES");
        assertThat(table).contains("mens-email click: lift +72.1%, p(Holm) <0.0001 *")
                .contains("womens-email revenue: lift +65.0%, p(Holm) 0.0242 *");
        assertThat(table).contains("SRM (sample ratio): p = 0.9056 (flag below 0.001): ok");
        assertThat(table).contains("Best arm (conversion): mens-email (significantly better than the control)");
        assertThat(table).contains("required n per arm 131,571 to detect a +15.0% relative lift on conversion "
                + "(baseline 0.57% observed, alpha 0.05, power 0.8)")
                .contains("smallest arm n 21,306: not enough data yet; detectable now: +47.2% relative");
    }

    @Test
    void flagsASampleRatioMismatchAndCopesWithAnEmptyExperiment() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(HILLSTROM.replace("\"mismatch\": false", "\"mismatch\": true"));
        assertThat(MetricsTable.render(report)).contains("MISMATCH");

        JsonNode empty = json.readTree("""
                {"experimentId": "tone-test", "source": "LIVE", "status": "RUNNING", "primaryMetric": "CLICK",
                 "analysis": {"alpha": 0.05, "arms": [{"name": "control", "control": true, "n": 0,
                   "openRate": {"value": null, "lower": null, "upper": null},
                   "clickRate": {"value": null, "lower": null, "upper": null},
                   "conversionRate": {"value": null, "lower": null, "upper": null}, "revenuePerCustomer": null}],
                   "comparisons": [], "srm": null, "bestArmMetric": "CLICK", "bestArm": null,
                   "bestArmSignificant": false}}
                """);
        String table = MetricsTable.render(empty);
        assertThat(table).contains("No comparisons yet").contains("Best arm (click): -")
                .containsPattern("control +control +0 +- +-");
    }
}
