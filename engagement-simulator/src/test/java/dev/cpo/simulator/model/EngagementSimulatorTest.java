package dev.cpo.simulator.model;

import static dev.cpo.simulator.TestAssignments.EXPERIMENT;
import static dev.cpo.simulator.TestAssignments.SEGMENT_ID;
import static dev.cpo.simulator.TestAssignments.assignment;
import static dev.cpo.simulator.TestAssignments.control;
import static dev.cpo.simulator.TestAssignments.treatment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.ArmKind;
import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementSource;
import dev.cpo.events.EngagementType;
import dev.cpo.events.EventIds;
import dev.cpo.events.Tone;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EngagementSimulatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant SENT = NOW.minus(Duration.ofHours(1));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<EngagementType> FUNNEL = List.of(EngagementType.DELIVERED, EngagementType.OPENED,
            EngagementType.CLICKED, EngagementType.CONVERTED);

    private static EngagementSimulator simulator(SimulationSettings settings) {
        return new EngagementSimulator(settings, CLOCK);
    }

    private static SimulationSettings.Builder noNoise() {
        return SimulationSettings.builder().noise(0);
    }

    /** A mix of control, each tone and a fallback treatment, across two segments. */
    private static List<AssignmentEvent> mixed(int n) {
        List<AssignmentEvent> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String customer = "C-" + i;
            String segment = i % 2 == 0 ? SEGMENT_ID : "new-customers";
            all.add(switch (i % 5) {
                case 0 -> assignment(customer, SENT, EXPERIMENT, "control", ArmKind.CONTROL, null, segment, true);
                case 4 -> assignment(customer, SENT, EXPERIMENT, "fallback", ArmKind.TREATMENT, null, segment, true);
                default -> {
                    Tone tone = Tone.values()[i % 5 - 1];
                    yield assignment(customer, SENT, EXPERIMENT, tone.wireName(), ArmKind.TREATMENT, tone, segment,
                            true);
                }
            });
        }
        return all;
    }

    private static Map<String, List<EngagementEvent>> byCustomer(EngagementSimulator simulator,
            List<AssignmentEvent> assignments) {
        Map<String, List<EngagementEvent>> events = new HashMap<>();
        for (AssignmentEvent a : assignments) {
            events.put(a.customerId(), simulator.simulate(a).events());
        }
        return events;
    }

    @Test
    void sameSeedGivesIdenticalEvents() {
        List<AssignmentEvent> assignments = mixed(2_000);
        Map<String, List<EngagementEvent>> first = byCustomer(simulator(SimulationSettings.defaults()), assignments);
        Map<String, List<EngagementEvent>> second = byCustomer(simulator(SimulationSettings.defaults()), assignments);
        assertThat(second).isEqualTo(first);
        assertThat(first.values()).anyMatch(events -> events.size() == 4);
    }

    @Test
    void differentSeedGivesDifferentOutcomes() {
        List<AssignmentEvent> assignments = mixed(2_000);
        EngagementSimulator a = simulator(SimulationSettings.defaults());
        EngagementSimulator b = simulator(SimulationSettings.builder().seed(43).build());
        Function<List<EngagementEvent>, List<EngagementType>> types = events -> events.stream()
                .map(EngagementEvent::type).toList();
        long differing = assignments.stream()
                .filter(x -> !types.apply(a.simulate(x).events()).equals(types.apply(b.simulate(x).events())))
                .count();
        // About a third of customers open under either seed: many funnels must differ.
        assertThat(differing).isGreaterThan(300);
        assertThat(b.drawnUplifts()).isNotEqualTo(a.drawnUplifts());
    }

    @Test
    void outcomesDoNotDependOnArrivalOrder() {
        List<AssignmentEvent> assignments = mixed(5_000);
        Map<String, List<EngagementEvent>> inOrder = byCustomer(simulator(SimulationSettings.defaults()),
                assignments);
        List<AssignmentEvent> shuffled = new ArrayList<>(assignments);
        Collections.shuffle(shuffled, new Random(7));
        // A fresh simulator that sees the customers in another order, and one that saw others first.
        EngagementSimulator warmed = simulator(SimulationSettings.defaults());
        mixed(1_000).forEach(warmed::simulate);
        assertThat(byCustomer(simulator(SimulationSettings.defaults()), shuffled)).isEqualTo(inOrder);
        assertThat(byCustomer(warmed, shuffled)).isEqualTo(inOrder);
    }

    @Test
    void reprocessingAnAssignmentGivesTheSameIdsAndTimes() {
        EngagementSimulator simulator = simulator(SimulationSettings.defaults());
        AssignmentEvent converting = mixed(5_000).stream().filter(a -> simulator.simulate(a).events().size() == 4)
                .findFirst().orElseThrow();
        List<EngagementEvent> once = simulator.simulate(converting).events();
        List<EngagementEvent> again = simulator.simulate(converting).events();
        assertThat(again).isEqualTo(once);
        assertThat(once).extracting(EngagementEvent::eventId).containsExactly(
                EventIds.derive(converting.eventId(), "simulator-delivered"),
                EventIds.derive(converting.eventId(), "simulator-opened"),
                EventIds.derive(converting.eventId(), "simulator-clicked"),
                EventIds.derive(converting.eventId(), "simulator-converted"));
    }

    @Test
    void controlRatesMatchTheBaselineOver200000Customers() {
        int n = 200_000;
        EngagementSimulator simulator = simulator(noNoise().build());
        Map<EngagementType, Integer> counts = new EnumMap<>(EngagementType.class);
        BigDecimal revenue = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            for (EngagementEvent e : simulator.simulate(control("C-" + i, SENT)).events()) {
                counts.merge(e.type(), 1, Integer::sum);
                if (e.revenue() != null) {
                    revenue = revenue.add(e.revenue());
                }
            }
        }
        int delivered = counts.get(EngagementType.DELIVERED);
        assertWithinStandardErrors(delivered, n, 0.98);
        assertWithinStandardErrors(counts.get(EngagementType.OPENED), delivered, 0.25);
        assertWithinStandardErrors(counts.get(EngagementType.CLICKED), delivered, 0.05);
        assertWithinStandardErrors(counts.get(EngagementType.CONVERTED), delivered, 0.01);
        // Log-normal with mean 60 and sigma 0.5: sd = 60 * sqrt(e^0.25 - 1) ≈ 32; about 1,960 conversions.
        int conversions = counts.get(EngagementType.CONVERTED);
        double meanRevenue = revenue.doubleValue() / conversions;
        double revenueSe = 60 * Math.sqrt(Math.exp(0.25) - 1) / Math.sqrt(conversions);
        assertThat(meanRevenue).isCloseTo(60, within(4 * revenueSe));
    }

    @Test
    void aTonesObservedUpliftIsNearItsDrawnUplift() {
        int n = 200_000;
        EngagementSimulator simulator = simulator(noNoise().deliveredRate(1).build());
        double uplift = simulator.drawnUplifts().get(Tone.URGENT);
        int controlOpens = 0;
        int treatmentOpens = 0;
        int treatmentClicks = 0;
        for (int i = 0; i < n; i++) {
            controlOpens += simulator.simulate(control("C-" + i, SENT)).events().size() > 1 ? 1 : 0;
            List<EngagementEvent> events = simulator.simulate(treatment("T-" + i, SENT, Tone.URGENT)).events();
            treatmentOpens += events.size() > 1 ? 1 : 0;
            treatmentClicks += events.size() > 2 ? 1 : 0;
        }
        assertWithinStandardErrors(treatmentOpens, n, 0.25 * (1 + uplift));
        assertWithinStandardErrors(treatmentClicks, n, 0.05 * (1 + uplift));
        double observed = (double) treatmentOpens / controlOpens - 1;
        // The relative uplift of opens: each share has a relative SE of about 0.35 %.
        assertThat(observed).isCloseTo(uplift, within(0.025));
        assertThat(observed).isGreaterThan(0.02);
    }

    @Test
    void fallbackTreatmentAndControlGetTheBaselineAndATonedTreatmentItsUplift() {
        EngagementSimulator simulator = simulator(noNoise().build());
        AssignmentEvent fallback = assignment("C-1", SENT, EXPERIMENT, "urgent", ArmKind.TREATMENT, null, SEGMENT_ID,
                true);
        assertThat(simulator.ratesFor(fallback)).isEqualTo(SimulationSettings.DEFAULT_BASELINE);
        assertThat(simulator.ratesFor(control("C-2", SENT))).isEqualTo(SimulationSettings.DEFAULT_BASELINE);
        double uplift = simulator.drawnUplifts().get(Tone.FRIENDLY);
        Rates friendly = simulator.ratesFor(treatment("C-3", SENT, Tone.FRIENDLY));
        assertThat(friendly.open()).isCloseTo(0.25 * (1 + uplift), within(1e-12));
        assertThat(friendly.click()).isCloseTo(0.05 * (1 + uplift), within(1e-12));
        assertThat(friendly.conversion()).isCloseTo(0.01 * (1 + uplift), within(1e-12));
    }

    @Test
    void upliftsAreDrawnOncePerToneWithinTheirBounds() {
        EngagementSimulator simulator = simulator(SimulationSettings.defaults());
        assertThat(simulator.drawnUplifts()).containsOnlyKeys(Tone.values());
        assertThat(simulator.drawnUplifts().values()).allSatisfy(u -> assertThat(u).isBetween(0.05, 0.30))
                .doesNotHaveDuplicates();
        assertThat(simulator(SimulationSettings.defaults()).drawnUplifts()).isEqualTo(simulator.drawnUplifts());
    }

    @Test
    void upliftsAreClampedToTheirBounds() {
        EngagementSimulator high = simulator(
                SimulationSettings.builder().uplift(new UpliftPrior(0.5, 0.05, 0.05, 0.30)).build());
        assertThat(high.drawnUplifts().values()).containsOnly(0.30);
        EngagementSimulator low = simulator(
                SimulationSettings.builder().uplift(new UpliftPrior(-0.5, 0.05, 0.05, 0.30)).build());
        assertThat(low.drawnUplifts().values()).containsOnly(0.05);
        assertThatThrownBy(() -> new UpliftPrior(0.1, 0.05, 0.3, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSegmentsOwnBaselineReplacesTheGlobalOne() {
        Rates vip = new Rates(0.5, 0.2, 0.1);
        EngagementSimulator simulator = simulator(noNoise().deliveredRate(1).segmentBaseline("vip", vip).build());
        assertThat(simulator.ratesFor(EXPERIMENT, "vip", "control", null)).isEqualTo(vip);
        assertThat(simulator.ratesFor(EXPERIMENT, SEGMENT_ID, "control", null))
                .isEqualTo(SimulationSettings.DEFAULT_BASELINE);
        int n = 20_000;
        int vipOpens = 0;
        int otherOpens = 0;
        for (int i = 0; i < n; i++) {
            vipOpens += simulator.simulate(assignment("V-" + i, SENT, EXPERIMENT, "control", ArmKind.CONTROL, null,
                    "vip", true)).events().size() > 1 ? 1 : 0;
            otherOpens += simulator.simulate(control("O-" + i, SENT)).events().size() > 1 ? 1 : 0;
        }
        assertWithinStandardErrors(vipOpens, n, 0.5);
        assertWithinStandardErrors(otherOpens, n, 0.25);
    }

    @Test
    void noiseJittersEachArmReproduciblyAndKeepsTheFunnel() {
        EngagementSimulator simulator = simulator(SimulationSettings.builder().noise(0.05).build());
        Rates control = simulator.ratesFor(EXPERIMENT, SEGMENT_ID, "control", null);
        assertThat(control).isNotEqualTo(SimulationSettings.DEFAULT_BASELINE);
        assertThat(control.open()).isCloseTo(0.25, within(0.25 * 0.25));
        assertThat(simulator.ratesFor(EXPERIMENT, SEGMENT_ID, "control", null)).isEqualTo(control);
        assertThat(simulator.ratesFor(EXPERIMENT, "other-segment", "control", null)).isNotEqualTo(control);
        // Huge noise: rates still probabilities and monotone.
        EngagementSimulator wild = simulator(SimulationSettings.builder().noise(3).build());
        for (int i = 0; i < 200; i++) {
            Rates r = wild.ratesFor(EXPERIMENT, "s-" + i, "arm", Tone.URGENT);
            assertThat(r.open()).isBetween(0.0, 1.0);
            assertThat(r.click()).isBetween(0.0, r.open());
            assertThat(r.conversion()).isBetween(0.0, r.click());
        }
    }

    @Test
    void scaledRatesAreClampedAndMonotone() {
        Rates r = new Rates(0.6, 0.3, 0.1).scaled(2, 4, 20);
        assertThat(r).isEqualTo(new Rates(1, 1, 1));
        assertThat(new Rates(0.6, 0.3, 0.1).scaled(0.5, 1.5, -1)).isEqualTo(new Rates(0.3, 0.3, 0));
        assertThatThrownBy(() -> new Rates(0.1, 0.2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("click");
        assertThatThrownBy(() -> new Rates(1.1, 0.2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsFollowTheFunnelInOrderWithCopiedFieldsAndCentRevenue() {
        EngagementSimulator simulator = simulator(SimulationSettings.defaults());
        int conversions = 0;
        for (AssignmentEvent a : mixed(20_000)) {
            Simulation simulation = simulator.simulate(a);
            List<EngagementEvent> events = simulation.events();
            if (simulation.outcome() == Simulation.Outcome.BOUNCED) {
                assertThat(events).isEmpty();
                continue;
            }
            assertThat(events).extracting(EngagementEvent::type).isEqualTo(FUNNEL.subList(0, events.size()));
            assertThat(events.get(0).occurredAt()).isEqualTo(a.occurredAt().plus(Duration.ofMinutes(1)));
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).occurredAt()).isAfter(events.get(i - 1).occurredAt());
            }
            assertThat(events.get(events.size() - 1).occurredAt())
                    .isBefore(a.occurredAt().plus(Duration.ofHours(75)));
            for (EngagementEvent e : events) {
                assertThat(e.customerId()).isEqualTo(a.customerId());
                assertThat(e.experimentId()).isEqualTo(a.experimentId());
                assertThat(e.arm()).isEqualTo(a.arm());
                assertThat(e.segmentId()).isEqualTo(a.segment().id());
                assertThat(e.variantId()).isEqualTo(a.variantId());
                assertThat(e.source()).isEqualTo(EngagementSource.SIMULATED);
                if (e.type() == EngagementType.CONVERTED) {
                    conversions++;
                    assertThat(e.revenue()).isPositive();
                    assertThat(e.revenue().scale()).isEqualTo(2);
                } else {
                    assertThat(e.revenue()).isNull();
                }
            }
        }
        assertThat(conversions).isPositive();
    }

    @Test
    void nothingIsSentWithoutConsent() {
        Simulation simulation = simulator(SimulationSettings.defaults())
                .simulate(assignment("C-1", SENT, EXPERIMENT, "control", ArmKind.CONTROL, null, SEGMENT_ID, false));
        assertThat(simulation.outcome()).isEqualTo(Simulation.Outcome.SKIPPED);
        assertThat(simulation.skipReason()).isEqualTo(SkipReason.NO_CONSENT);
        assertThat(simulation.events()).isEmpty();
    }

    @Test
    void staleAssignmentsAreNotSent() {
        EngagementSimulator simulator = simulator(SimulationSettings.builder().deliveredRate(1).build());
        Simulation historical = simulator.simulate(control("C-1", Instant.parse("2008-03-01T00:00:00Z")));
        assertThat(historical.skipReason()).isEqualTo(SkipReason.STALE);
        assertThat(historical.events()).isEmpty();
        assertThat(simulator.simulate(control("C-2", NOW.minus(Duration.ofDays(7)).minusSeconds(1))).skipReason())
                .isEqualTo(SkipReason.STALE);
        assertThat(simulator.simulate(control("C-3", NOW.minus(Duration.ofDays(7)).plusSeconds(1))).outcome())
                .isEqualTo(Simulation.Outcome.DELIVERED);
        EngagementSimulator shortMemory = simulator(
                SimulationSettings.builder().maxAssignmentAge(Duration.ofMinutes(30)).build());
        assertThat(shortMemory.simulate(control("C-4", SENT)).skipReason()).isEqualTo(SkipReason.STALE);
    }

    @Test
    void onlyAllowListedExperimentsAreSimulated() {
        EngagementSimulator simulator = simulator(
                SimulationSettings.builder().deliveredRate(1).experiments(Set.of(EXPERIMENT)).build());
        Simulation other = simulator.simulate(
                assignment("C-1", SENT, "exp-other", "control", ArmKind.CONTROL, null, SEGMENT_ID, true));
        assertThat(other.skipReason()).isEqualTo(SkipReason.OTHER_EXPERIMENT);
        assertThat(other.events()).isEmpty();
        assertThat(simulator.simulate(control("C-2", SENT)).outcome()).isEqualTo(Simulation.Outcome.DELIVERED);
    }

    @Test
    void bouncesFollowTheDeliveredRate() {
        EngagementSimulator none = simulator(SimulationSettings.builder().deliveredRate(0).build());
        assertThat(mixed(500)).allSatisfy(a -> {
            Simulation s = none.simulate(a);
            assertThat(s.outcome()).isEqualTo(Simulation.Outcome.BOUNCED);
            assertThat(s.events()).isEmpty();
        });
        EngagementSimulator all = simulator(SimulationSettings.builder().deliveredRate(1).build());
        assertThat(mixed(500)).allSatisfy(
                a -> assertThat(all.simulate(a).outcome()).isEqualTo(Simulation.Outcome.DELIVERED));
    }

    /** Within four standard errors of a binomial share. */
    private static void assertWithinStandardErrors(int hits, int n, double p) {
        double se = Math.sqrt(p * (1 - p) / n);
        assertThat((double) hits / n).as("share of %d trials, expected %s", n, p).isCloseTo(p, within(4 * se));
    }
}
