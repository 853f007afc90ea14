package dev.cpo.experiment.report;

import static dev.cpo.experiment.report.ReportFixtures.EXP;
import static dev.cpo.experiment.report.ReportFixtures.NOW;
import static dev.cpo.experiment.report.ReportFixtures.cells;
import static dev.cpo.experiment.report.ReportFixtures.definition;
import static dev.cpo.experiment.report.ReportFixtures.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.Segment;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.definition.ExperimentStatus;
import dev.cpo.experiment.history.HillstromSegments;
import dev.cpo.experiment.ledger.FunnelRule;
import dev.cpo.experiment.ledger.InMemoryMeasurement;
import dev.cpo.experiment.ledger.Tally;
import dev.cpo.experiment.ledger.TallyKey;
import dev.cpo.experiment.stats.ExperimentMetrics;
import dev.cpo.experiment.stats.Metric;
import dev.cpo.experiment.stats.PowerAnalysis;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    private final ReportBuilder builder = new ReportBuilder();
    private final ExperimentDefinition conversion = definition(Metric.CONVERSION);

    private static ExperimentMetrics.ArmSummary arm(ExperimentReport report, String name) {
        return arm(report.analysis(), name);
    }

    private static ExperimentMetrics.ArmSummary arm(ExperimentMetrics.Report analysis, String name) {
        return analysis.arms().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void armTotalsAreTheSumsOfTheirCells() {
        ExperimentReport r = builder.build(conversion, cells(), NOW);

        assertThat(r.experimentId()).isEqualTo(EXP);
        assertThat(r.name()).isEqualTo("Report test");
        assertThat(r.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(r.computedAt()).isEqualTo(NOW);
        assertThat(r.primaryMetric()).isEqualTo(Metric.CONVERSION);
        assertThat(r.analysis().arms()).extracting(ExperimentMetrics.ArmSummary::name)
                .containsExactly("control", "urgent", "informational", "friendly");

        // control = s1 (100, 40, 10, 5, 100) + s2 (50, 20, 5, 1, 20)
        ExperimentMetrics.ArmSummary control = arm(r, "control");
        assertThat(control.control()).isTrue();
        assertThat(control.n()).isEqualTo(150);
        assertThat(control.opens()).isEqualTo(60);
        assertThat(control.clicks()).isEqualTo(15);
        assertThat(control.conversions()).isEqualTo(6);
        assertThat(control.revenue()).isEqualTo(120.0);
        assertThat(control.openRate().value()).isCloseTo(0.4, within(1e-12));
        assertThat(control.conversionRate().value()).isCloseTo(0.04, within(1e-12));
        // revenue per customer 120 / 150 = 0.8
        assertThat(control.revenuePerCustomer()).isCloseTo(0.8, within(1e-12));

        ExperimentMetrics.ArmSummary urgent = arm(r, "urgent");
        assertThat(urgent.n()).isEqualTo(150);
        assertThat(urgent.opens()).isEqualTo(75);
        assertThat(urgent.clicks()).isEqualTo(28);
        assertThat(urgent.conversions()).isEqualTo(12);
        assertThat(urgent.revenue()).isEqualTo(360.0);
        assertThat(arm(r, "informational").conversions()).isEqualTo(11);
        assertThat(arm(r, "friendly").opens()).isEqualTo(63);

        // 3 treatments x 4 metrics
        assertThat(r.analysis().comparisons()).hasSize(12);
        // conversion rates: control 6/150, urgent 12/150, informational 11/150, friendly 7/150
        assertThat(r.analysis().bestArm()).isEqualTo("urgent");

        ExperimentReport.ArmCounts counts = r.arms().get("control");
        assertThat(counts.delivered()).isEqualTo(135);
        // 135 / 150
        assertThat(counts.deliveryRate()).isCloseTo(0.9, within(1e-12));
        assertThat(counts.impliedOpens()).isEqualTo(1);
        assertThat(counts.impliedClicks()).isZero();
        assertThat(r.arms().get("urgent")).isEqualTo(new ExperimentReport.ArmCounts(143, 143.0 / 150, 3, 2, 1));
        assertThat(r.arms().get("friendly").unassignedEngaged()).isEqualTo(2);
        assertThat(r.arms().keySet()).containsExactly("control", "urgent", "informational", "friendly");
    }

    @Test
    void totalsAreOverAllCells() {
        ExperimentReport r = builder.build(conversion, cells(), NOW);
        // assigned 4 x 150; delivered 135 + 143 + 139 + 137; events 90 + 130 + 105 + 98;
        // implied opens 1 + 3 + 0 + 0; implied clicks 0 + 2 + 0 + 1; orphans 0 + 1 + 0 + 2
        assertThat(r.totals()).isEqualTo(new ExperimentReport.Totals(600, 554, 423, 4, 3, 3, 2));
    }

    @Test
    void balanceReportCountsAssignedCustomersPerSegment() {
        ExperimentReport r = builder.build(conversion, cells(), NOW);
        assertThat(r.balance()).isNotNull();
        assertThat(r.balance().total()).isEqualTo(600);
        assertThat(r.balance().strata()).extracting(s -> s.stratum()).containsExactly("s1", "s2");
        assertThat(r.balance().stratum("s1").counts())
                .containsExactly(Map.entry("control", 100L), Map.entry("urgent", 100L),
                        Map.entry("informational", 100L), Map.entry("friendly", 100L));
        assertThat(r.balance().stratum("s2").total()).isEqualTo(200);
        assertThat(r.balance().arm("control").share()).isCloseTo(0.25, within(1e-12));
        assertThat(r.balance().sampleRatioMismatch()).isFalse();
    }

    @Test
    void bestArmPerSegment() {
        ExperimentReport r = builder.build(conversion, cells(), NOW);
        // s1: 5, 10, 6, 4 of 100 -> urgent; s2: 1, 2, 5, 3 of 50 -> informational
        assertThat(r.bestArmBySegment()).containsExactly(Map.entry("s1", "urgent"), Map.entry("s2", "informational"));
    }

    @Test
    void powerUsesTheObservedControlRate() {
        ExperimentReport r = builder.build(conversion, cells(), NOW);
        ExperimentReport.Power p = r.power();
        // control conversion 6 / 150 = 0.04
        assertThat(p.metric()).isEqualTo(Metric.CONVERSION);
        assertThat(p.baselineObserved()).isTrue();
        assertThat(p.baselineRate()).isCloseTo(0.04, within(1e-12));
        long required = PowerAnalysis.sampleSizePerArmRelative(0.04, 0.15, 0.05, 0.8);
        assertThat(p.requiredPerArm()).isEqualTo(required);
        assertThat(required).isGreaterThan(150);
        assertThat(p.smallestArmN()).isEqualTo(150);
        assertThat(p.enoughData()).isFalse();
        assertThat(p.alpha()).isEqualTo(0.05);
        assertThat(p.power()).isEqualTo(0.8);
        assertThat(p.minimumDetectableEffect()).isEqualTo(0.15);
        OptionalDouble detectable = PowerAnalysis.minimumDetectableEffect(0.04, 150, 0.05, 0.8);
        assertThat(detectable).isPresent();
        assertThat(p.detectableAbsoluteEffect()).isCloseTo(detectable.getAsDouble(), within(1e-12));
        assertThat(p.detectableRelativeEffect()).isCloseTo(detectable.getAsDouble() / 0.04, within(1e-9));
    }

    @Test
    void powerUsesThePlannedBaselineWithoutControlData() {
        Map<TallyKey, Tally> cells = new HashMap<>(cells());
        cells.remove(new TallyKey(EXP, "control", "s1"));
        cells.remove(new TallyKey(EXP, "control", "s2"));

        ExperimentReport.Power p = builder.build(conversion, cells, NOW).power();

        assertThat(p.baselineObserved()).isFalse();
        assertThat(p.baselineRate()).isEqualTo(0.01);
        assertThat(p.requiredPerArm()).isEqualTo(PowerAnalysis.sampleSizePerArmRelative(0.01, 0.15, 0.05, 0.8));
        assertThat(p.smallestArmN()).isZero();
        assertThat(p.detectableAbsoluteEffect()).isNull();
        assertThat(p.detectableRelativeEffect()).isNull();
        assertThat(p.enoughData()).isFalse();
    }

    @Test
    void powerFallsBackToThePlanWhenTheObservedControlRateIsZero() {
        Map<TallyKey, Tally> cells = new HashMap<>(cells());
        cells.put(new TallyKey(EXP, "control", "s1"), tally(100, 90, 40, 10, 0, 0, 0, 0, 0, 0, 50));
        cells.put(new TallyKey(EXP, "control", "s2"), tally(50, 45, 20, 5, 0, 0, 0, 0, 0, 0, 25));

        ExperimentReport.Power p = builder.build(conversion, cells, NOW).power();

        assertThat(p.baselineObserved()).isFalse();
        assertThat(p.baselineRate()).isEqualTo(0.01);
        assertThat(p.smallestArmN()).isEqualTo(150);
    }

    @Test
    void powerOfAnOpenRatePrimaryUsesTheObservedOpenRateAndEnoughData() {
        ExperimentDefinition open = definition(Metric.OPEN);
        ExperimentReport.Power p = builder.build(open, cells(), NOW).power();
        // control open rate 60 / 150 = 0.4; +15 % -> 0.46
        assertThat(p.baselineRate()).isCloseTo(0.4, within(1e-12));
        long required = PowerAnalysis.sampleSizePerArmRelative(0.4, 0.15, 0.05, 0.8);
        assertThat(p.requiredPerArm()).isEqualTo(required);
        assertThat(p.enoughData()).isEqualTo(150 >= required);
    }

    @Test
    void aPlanThatCannotBeReachedDoesNotBreakTheReport() {
        // Valid definition: baselineRate 0.95 in (0, 1), MDE 0.15 in (0, 10]; but 0.95 * 1.15 = 1.0925 > 1, so no
        // sample size exists. The report (GET /metrics) must still be built, with no required n.
        ExperimentDefinition highBaseline = new ExperimentDefinition(conversion.design(), null, conversion.source(),
                conversion.controlMessage(), conversion.metrics(), Metric.OPEN, 0.05, 0.8, 0.15, 0.95,
                conversion.startAt(), null, conversion.contactPolicy());

        ExperimentReport r = builder.build(highBaseline, Map.of(), NOW);

        assertThat(r.power().baselineRate()).isEqualTo(0.95);
        assertThat(r.power().requiredPerArm()).isNull();
        assertThat(r.power().enoughData()).isFalse();
    }

    @Test
    void anObservedRateTooHighForThePlannedLiftDoesNotBreakTheReport() {
        // Observed control open rate 90 / 100 = 0.9; 0.9 * 1.15 = 1.035 > 1: no sample size exists.
        Map<TallyKey, Tally> cells = new LinkedHashMap<>();
        cells.put(new TallyKey(EXP, "control", "s1"), tally(100, 100, 90, 10, 5, 100, 2000, 0, 0, 0, 100));
        cells.put(new TallyKey(EXP, "urgent", "s1"), tally(100, 100, 80, 10, 5, 100, 2000, 0, 0, 0, 100));

        ExperimentReport r = builder.build(definition(Metric.OPEN), cells, NOW);

        assertThat(r.power().baselineObserved()).isTrue();
        assertThat(r.power().baselineRate()).isCloseTo(0.9, within(1e-12));
        assertThat(r.power().requiredPerArm()).isNull();
        assertThat(r.power().enoughData()).isFalse();
        assertThat(r.analysis().bestArm()).isEqualTo("control");
    }

    @Test
    void revenuePrimaryHasNoSampleSizePlan() {
        ExperimentDefinition revenue = definition(Metric.REVENUE);
        ExperimentReport r = builder.build(revenue, cells(), NOW);
        assertThat(r.power().requiredPerArm()).isNull();
        assertThat(r.power().baselineRate()).isNull();
        assertThat(r.power().baselineObserved()).isFalse();
        assertThat(r.power().smallestArmN()).isEqualTo(150);
        // revenue per customer: control 0.8, urgent 2.4, informational 1.8, friendly 170/150
        assertThat(r.analysis().bestArm()).isEqualTo("urgent");
        // s2 revenue per customer: control 0.4, urgent 1.2, informational 3.0, friendly 1.8
        assertThat(r.bestArmBySegment()).containsEntry("s2", "informational");
    }

    @Test
    void cellsOfOtherExperimentsAndUnknownArmsAreIgnored() {
        Map<TallyKey, Tally> cells = new LinkedHashMap<>(cells());
        cells.put(new TallyKey("other-exp", "control", "s1"), tally(1000, 1000, 900, 800, 700, 1e6, 1e9, 5, 5, 5, 99));
        cells.put(new TallyKey(EXP, "ghost", "s1"), tally(1000, 1000, 900, 800, 700, 1e6, 1e9, 5, 5, 5, 99));
        cells.put(new TallyKey(EXP, "ghost", "s9"), tally(1000, 1000, 900, 800, 700, 1e6, 1e9, 5, 5, 5, 99));

        ExperimentReport r = builder.build(conversion, cells, NOW);
        ExperimentReport plain = builder.build(conversion, cells(), NOW);

        assertThat(r.totals()).isEqualTo(plain.totals());
        assertThat(r.analysis()).isEqualTo(plain.analysis());
        assertThat(r.arms()).isEqualTo(plain.arms());
        assertThat(r.arms()).doesNotContainKey("ghost");
        assertThat(r.bestArmBySegment()).isEqualTo(plain.bestArmBySegment()).doesNotContainKey("s9");
        assertThat(r.balance()).isEqualTo(plain.balance());
        assertThat(r.power()).isEqualTo(plain.power());
    }

    @Test
    void anEmptyExperimentHasZerosAndUndefinedRates() {
        ExperimentReport r = builder.build(conversion, Map.of(), NOW);

        assertThat(r.totals()).isEqualTo(new ExperimentReport.Totals(0, 0, 0, 0, 0, 0, 0));
        assertThat(r.analysis().arms()).hasSize(4).allSatisfy(a -> {
            assertThat(a.n()).isZero();
            assertThat(a.openRate().value()).isNull();
            assertThat(a.clickRate().value()).isNull();
            assertThat(a.conversionRate().value()).isNull();
            assertThat(a.revenuePerCustomer()).isNull();
        });
        assertThat(r.analysis().comparisons()).hasSize(12)
                .allSatisfy(c -> {
                    assertThat(c.pValue()).isNull();
                    assertThat(c.treatmentValue()).isNull();
                    assertThat(c.significant()).isFalse();
                });
        assertThat(r.analysis().bestArm()).isNull();
        assertThat(r.arms().values()).allSatisfy(a -> {
            assertThat(a.delivered()).isZero();
            assertThat(a.deliveryRate()).isNull();
        });
        assertThat(r.bestArmBySegment()).isEmpty();
        assertThat(r.balance().total()).isZero();
        assertThat(r.balance().strata()).isEmpty();
        assertThat(r.power().baselineObserved()).isFalse();
        assertThat(r.power().baselineRate()).isEqualTo(0.01);
        assertThat(r.power().smallestArmN()).isZero();
        assertThat(r.power().detectableAbsoluteEffect()).isNull();
        assertThat(r.power().enoughData()).isFalse();
        assertThat(builder.segments(conversion, Map.of(), null, s -> null).segments()).isEmpty();
        assertThat(ReportCsv.write(r)).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void aScheduledExperimentReportsItsStatus() {
        ExperimentReport r = builder.build(conversion, cells(), ReportFixtures.START.minusSeconds(1));
        assertThat(r.status()).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(r.startAt()).isEqualTo(ReportFixtures.START);
        assertThat(r.stopAt()).isNull();
    }

    @Test
    void orphansOnlyGiveAValidReportWithoutRates() {
        // Engagement arrived for two customers whose assignments have not: they are in no rate.
        InMemoryMeasurement m = new InMemoryMeasurement(FunnelRule.NORMALIZE);
        m.accept(engagement("c1", "control", EngagementType.CONVERTED, "20"));
        m.accept(engagement("c2", "urgent", EngagementType.OPENED, null));

        ExperimentReport r = builder.build(conversion, m.totals(), NOW);

        assertThat(r.totals().assigned()).isZero();
        assertThat(r.totals().unassignedEngaged()).isEqualTo(2);
        assertThat(r.totals().engagementEvents()).isEqualTo(2);
        assertThat(arm(r, "control").openRate().value()).isNull();
        assertThat(arm(r, "control").conversions()).isZero();
        assertThat(r.arms().get("control").unassignedEngaged()).isEqualTo(1);
        assertThat(r.arms().get("control").deliveryRate()).isNull();
    }

    @Test
    void anOrphanIsNotInTheRatesOfItsCell() {
        // 4 assigned customers without engagement and 1 orphan who opened: open rate 0 / 4, not 1 / 4.
        InMemoryMeasurement m = new InMemoryMeasurement(FunnelRule.NORMALIZE);
        for (String c : new String[]{"c1", "c2", "c3", "c4"}) {
            m.accept(controlAssignment(c));
        }
        m.accept(engagement("c5", "control", EngagementType.OPENED, null));

        ExperimentReport r = builder.build(conversion, m.totals(), NOW);

        assertThat(arm(r, "control").n()).isEqualTo(4);
        assertThat(arm(r, "control").opens()).isZero();
        assertThat(arm(r, "control").openRate().value()).isZero();
        assertThat(r.arms().get("control").deliveryRate()).isZero();
        assertThat(r.totals().unassignedEngaged()).isEqualTo(1);
    }

    private static AssignmentEvent controlAssignment(String customer) {
        return new AssignmentEvent(UUID.randomUUID(), AssignmentEvent.SCHEMA_VERSION, NOW, customer, UUID.randomUUID(),
                EXP, "control", ArmKind.CONTROL, null, new Segment("s1", "S1", "rfm-rules", "v1"), null, "Subject",
                "Body", null, true);
    }

    private static EngagementEvent engagement(String customer, String arm, EngagementType type, String revenue) {
        return new EngagementEvent(UUID.randomUUID(), EngagementEvent.SCHEMA_VERSION, NOW, customer, EXP, arm, "s1",
                null, type, revenue == null ? null : new BigDecimal(revenue), EngagementSource.SIMULATED);
    }

    @Test
    void segmentsWithoutADimensionAreTheSegmentIdsSorted() {
        ExperimentReport.Segments s = builder.segments(conversion, cells(), null, id -> "unused");
        assertThat(s.experimentId()).isEqualTo(EXP);
        assertThat(s.dimension()).isNull();
        assertThat(s.segments()).extracting(ExperimentReport.SegmentAnalysis::segment).containsExactly("s1", "s2");
        ExperimentReport.SegmentAnalysis s2 = s.segments().get(1);
        assertThat(s2.bestArm()).isEqualTo("informational");
        assertThat(arm(s2.analysis(), "control").n()).isEqualTo(50);
        assertThat(arm(s2.analysis(), "control").conversions()).isEqualTo(1);
        assertThat(s2.analysis().comparisons()).hasSize(12);
    }

    @Test
    void segmentsGroupedByADimensionOfTheSegmentIds() {
        String webUrban = "history=1-0-100;zip=urban;channel=web;newbie=1";
        String webRural = "history=2-100-200;zip=rural;channel=web;newbie=0";
        String phone = "history=1-0-100;zip=urban;channel=phone;newbie=1";
        String legacy = "legacy";
        Map<TallyKey, Tally> cells = new LinkedHashMap<>();
        // web: control 10 + 20 assigned with 1 + 1 conversions; urgent 10 + 20 with 3 + 3 conversions
        cells.put(new TallyKey(EXP, "control", webUrban), tally(10, 10, 5, 2, 1, 10, 100, 0, 0, 0, 8));
        cells.put(new TallyKey(EXP, "urgent", webUrban), tally(10, 10, 6, 4, 3, 30, 300, 0, 0, 0, 13));
        cells.put(new TallyKey(EXP, "control", webRural), tally(20, 20, 5, 2, 1, 10, 100, 0, 0, 0, 8));
        cells.put(new TallyKey(EXP, "urgent", webRural), tally(20, 20, 6, 4, 3, 30, 300, 0, 0, 0, 13));
        // phone: control 10 with 4 conversions, informational 10 with 1
        cells.put(new TallyKey(EXP, "control", phone), tally(10, 10, 6, 5, 4, 40, 400, 0, 0, 0, 15));
        cells.put(new TallyKey(EXP, "informational", phone), tally(10, 10, 6, 2, 1, 10, 100, 0, 0, 0, 9));
        // no channel at all
        cells.put(new TallyKey(EXP, "friendly", legacy), tally(5, 5, 1, 1, 1, 5, 25, 0, 0, 0, 3));

        ExperimentReport.Segments s = builder.segments(conversion, cells, HillstromSegments.CHANNEL,
                id -> HillstromSegments.parseSegmentId(id).get(HillstromSegments.CHANNEL));

        assertThat(s.dimension()).isEqualTo("channel");
        assertThat(s.segments()).extracting(ExperimentReport.SegmentAnalysis::segment)
                .containsExactly("channel=(none)", "channel=phone", "channel=web");
        ExperimentMetrics.Report web = s.segments().get(2).analysis();
        assertThat(arm(web, "control").n()).isEqualTo(30);
        assertThat(arm(web, "control").conversions()).isEqualTo(2);
        assertThat(arm(web, "urgent").n()).isEqualTo(30);
        assertThat(arm(web, "urgent").conversions()).isEqualTo(6);
        assertThat(arm(web, "friendly").n()).isZero();
        // web: control 2/30, urgent 6/30 -> urgent
        assertThat(s.segments().get(2).bestArm()).isEqualTo("urgent");
        // phone: control 4/10, informational 1/10 -> control
        assertThat(s.segments().get(1).bestArm()).isEqualTo("control");
        assertThat(s.segments().get(0).bestArm()).isEqualTo("friendly");
        assertThat(arm(s.segments().get(0).analysis(), "friendly").n()).isEqualTo(5);
        List<String> plain = builder.segments(conversion, cells, null, id -> null).segments().stream()
                .map(ExperimentReport.SegmentAnalysis::segment).toList();
        assertThat(plain).containsExactly(phone, webUrban, webRural, legacy);
    }
}
