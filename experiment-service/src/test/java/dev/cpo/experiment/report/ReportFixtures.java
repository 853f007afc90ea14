package dev.cpo.experiment.report;

import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.ContactPolicy;
import dev.cpo.experiment.assignment.ControlMessage;
import dev.cpo.experiment.assignment.ExperimentDesign;
import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.definition.ExperimentSource;
import dev.cpo.experiment.ledger.Tally;
import dev.cpo.experiment.ledger.TallyKey;
import dev.cpo.experiment.stats.Metric;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** A 4-arm experiment and hand-made cells: 2 segments x 4 arms. */
final class ReportFixtures {

    static final String EXP = "exp-r";
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-05T00:00:00Z");

    private ReportFixtures() {
    }

    static ExperimentDefinition definition(Metric primary) {
        return definition(ExperimentDesign.defaultDesign(EXP, 7L, AllocationStrategy.PERMUTED_BLOCKS), primary);
    }

    static ExperimentDefinition definition(ExperimentDesign design, Metric primary) {
        return new ExperimentDefinition(design, "Report test", ExperimentSource.LIVE,
                new ControlMessage("cm", "Subject", "Body"), EnumSet.allOf(Metric.class), primary, 0.05, 0.8, 0.15,
                0.01, START, null, ContactPolicy.defaults());
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    static Tally tally(long assigned, long delivered, long opened, long clicked, long converted, double revenueSum,
            double revenueSumOfSquares, long impliedOpens, long impliedClicks, long orphans, long events) {
        Tally t = new Tally();
        t.assigned = assigned;
        t.delivered = delivered;
        t.opened = opened;
        t.clicked = clicked;
        t.converted = converted;
        t.revenueSum = revenueSum;
        t.revenueSumOfSquares = revenueSumOfSquares;
        t.impliedOpens = impliedOpens;
        t.impliedClicks = impliedClicks;
        t.orphans = orphans;
        t.events = events;
        return t;
    }

    /**
     * Arm totals (s1 + s2): control n 150, delivered 135, opened 60, clicked 15, converted 6, revenue 120;
     * urgent n 150, delivered 143, opened 75, clicked 28, converted 12, revenue 360; informational n 150,
     * delivered 139, opened 67, clicked 18, converted 11, revenue 270; friendly n 150, delivered 137, opened 63,
     * clicked 18, converted 7, revenue 170.
     */
    static Map<TallyKey, Tally> cells() {
        Map<TallyKey, Tally> cells = new LinkedHashMap<>();
        cells.put(new TallyKey(EXP, "control", "s1"), tally(100, 90, 40, 10, 5, 100, 2000, 1, 0, 0, 60));
        cells.put(new TallyKey(EXP, "urgent", "s1"), tally(100, 95, 50, 20, 10, 300, 9000, 2, 1, 1, 90));
        cells.put(new TallyKey(EXP, "informational", "s1"), tally(100, 92, 45, 12, 6, 120, 2400, 0, 0, 0, 70));
        cells.put(new TallyKey(EXP, "friendly", "s1"), tally(100, 91, 42, 11, 4, 80, 1600, 0, 0, 2, 65));
        cells.put(new TallyKey(EXP, "control", "s2"), tally(50, 45, 20, 5, 1, 20, 400, 0, 0, 0, 30));
        cells.put(new TallyKey(EXP, "urgent", "s2"), tally(50, 48, 25, 8, 2, 60, 1800, 1, 1, 0, 40));
        cells.put(new TallyKey(EXP, "informational", "s2"), tally(50, 47, 22, 6, 5, 150, 4500, 0, 0, 0, 35));
        cells.put(new TallyKey(EXP, "friendly", "s2"), tally(50, 46, 21, 7, 3, 90, 2700, 0, 1, 0, 33));
        return cells;
    }
}
