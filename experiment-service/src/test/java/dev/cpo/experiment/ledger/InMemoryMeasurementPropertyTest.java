package dev.cpo.experiment.ledger;

import static dev.cpo.experiment.ledger.LedgerEvents.assignment;
import static dev.cpo.experiment.ledger.LedgerEvents.engagement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.CpoEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key check of the O(1) updates: random events in random order (with duplicates, re-assignments, wrong arms and
 * engagement before assignment) give the same cell totals as a naive recount from each customer's events.
 */
class InMemoryMeasurementPropertyTest {

    private static final String[] ARMS = {"control", "urgent", "informational", "friendly"};
    private static final String[] SEGMENTS = {"s0", "s1", "s2", "s3", "s4"};
    private static final String[] EXPERIMENTS = {"exp-a", "exp-b"};
    private static final int CUSTOMERS = 2_000;
    private static final int EVENTS = 20_000;

    @ParameterizedTest
    @EnumSource(FunnelRule.class)
    void totalsEqualANaiveRecountPerCustomer(FunnelRule rule) {
        Random random = new Random(20261123L + rule.ordinal());
        List<CpoEvent> events = generate(random);

        InMemoryMeasurement measurement = new InMemoryMeasurement(rule);
        for (CpoEvent event : events) {
            if (event instanceof AssignmentEvent a) {
                measurement.accept(a);
            } else {
                measurement.accept((EngagementEvent) event);
            }
        }

        Naive naive = recount(events, rule);

        assertThat(measurement.duplicates()).isEqualTo(naive.duplicates).isPositive();
        assertThat(measurement.rejected()).isEqualTo(naive.rejected).isPositive();
        assertThat(measurement.participants()).isEqualTo(naive.participants);
        assertThat(naive.orphans).as("the data has orphans").isPositive();
        if (rule == FunnelRule.NORMALIZE) {
            assertThat(naive.impliedClicks).as("the data has implied steps").isPositive();
        } else {
            assertThat(naive.impliedClicks).as("REJECT implies nothing").isZero();
        }

        Map<TallyKey, Tally> actual = new HashMap<>();
        measurement.totals().forEach((k, v) -> {
            if (!v.isZero()) {
                actual.put(k, v);
            }
        });
        assertThat(actual.keySet()).isEqualTo(naive.cells.keySet());
        for (Map.Entry<TallyKey, Tally> e : naive.cells.entrySet()) {
            Tally expected = e.getValue();
            Tally got = actual.get(e.getKey());
            String where = e.getKey().toString();
            assertThat(got.assigned).as(where + " assigned").isEqualTo(expected.assigned);
            assertThat(got.delivered).as(where + " delivered").isEqualTo(expected.delivered);
            assertThat(got.opened).as(where + " opened").isEqualTo(expected.opened);
            assertThat(got.clicked).as(where + " clicked").isEqualTo(expected.clicked);
            assertThat(got.converted).as(where + " converted").isEqualTo(expected.converted);
            assertThat(got.impliedOpens).as(where + " impliedOpens").isEqualTo(expected.impliedOpens);
            assertThat(got.impliedClicks).as(where + " impliedClicks").isEqualTo(expected.impliedClicks);
            assertThat(got.orphans).as(where + " orphans").isEqualTo(expected.orphans);
            assertThat(got.events).as(where + " events").isEqualTo(expected.events);
            assertThat(got.revenueSum).as(where + " revenueSum")
                    .isCloseTo(expected.revenueSum, within(1e-9 * Math.max(1, expected.revenueSum)));
            assertThat(got.revenueSumOfSquares).as(where + " revenueSumOfSquares").isCloseTo(
                    expected.revenueSumOfSquares, within(1e-9 * Math.max(1, expected.revenueSumOfSquares)));
            // Rates only count assigned customers.
            assertThat(got.opened).as(where + " opened <= assigned").isLessThanOrEqualTo(got.assigned);
        }
    }

    /** One experiment-customer: its arm and segment, and its events. */
    private record Customer(String experimentId, String customerId, String arm, String segment) {
    }

    private static List<CpoEvent> generate(Random random) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(new Customer(EXPERIMENTS[random.nextInt(EXPERIMENTS.length)], "c" + i,
                    ARMS[random.nextInt(ARMS.length)], SEGMENTS[random.nextInt(SEGMENTS.length)]));
        }
        List<CpoEvent> events = new ArrayList<>();
        // 90 % of the customers are assigned, a few twice (a replay).
        for (Customer c : customers) {
            if (random.nextInt(10) < 9) {
                events.add(assignment(c.experimentId(), c.customerId(), c.arm(), c.segment()));
                if (random.nextInt(20) == 0) {
                    events.add(assignment(c.experimentId(), c.customerId(), c.arm(), c.segment()));
                }
            }
        }
        List<EngagementEvent> engagement = new ArrayList<>();
        while (events.size() + engagement.size() < EVENTS) {
            Customer c = customers.get(random.nextInt(CUSTOMERS));
            if (!engagement.isEmpty() && random.nextInt(20) == 0) {
                // a re-sent event: same id
                engagement.add(engagement.get(random.nextInt(engagement.size())));
                continue;
            }
            EngagementType type = EngagementType.values()[random.nextInt(4)];
            BigDecimal revenue = null;
            if (type == EngagementType.CONVERTED) {
                int kind = random.nextInt(4);
                revenue = kind == 0
                        ? null
                        : kind == 1
                                ? BigDecimal.ZERO
                                : BigDecimal.valueOf(random.nextInt(20_000), 2);
            }
            String arm = random.nextInt(50) == 0 ? ARMS[random.nextInt(ARMS.length)] : c.arm();
            engagement.add(engagement(UUID.randomUUID(), c.experimentId(), c.customerId(), arm, c.segment(), type,
                    revenue));
        }
        events.addAll(engagement);
        Collections.shuffle(events, random);
        return events;
    }

    private static final class Naive {
        final Map<TallyKey, Tally> cells = new LinkedHashMap<>();
        long duplicates;
        long rejected;
        int participants;
        long orphans;
        long impliedClicks;
    }

    /** Recounts from scratch: de-duplicates, groups the events by customer in order, then walks each customer. */
    private static Naive recount(List<CpoEvent> events, FunnelRule rule) {
        Naive out = new Naive();
        Set<UUID> seen = new HashSet<>();
        Map<String, List<CpoEvent>> byCustomer = new LinkedHashMap<>();
        for (CpoEvent event : events) {
            if (event instanceof EngagementEvent e && !seen.add(e.eventId())) {
                out.duplicates++;
                continue;
            }
            String experimentId = event instanceof AssignmentEvent a
                    ? a.experimentId()
                    : ((EngagementEvent) event).experimentId();
            byCustomer.computeIfAbsent(experimentId + "/" + event.customerId(), k -> new ArrayList<>()).add(event);
        }
        out.participants = byCustomer.size();
        for (List<CpoEvent> history : byCustomer.values()) {
            CpoEvent first = history.get(0);
            // The first event fixes the customer's arm and segment until its assignment, which is the truth.
            String experimentId;
            String arm;
            String segment;
            if (first instanceof AssignmentEvent a) {
                experimentId = a.experimentId();
                arm = a.arm();
                segment = a.segment().id();
            } else {
                EngagementEvent e = (EngagementEvent) first;
                experimentId = e.experimentId();
                arm = e.arm();
                segment = e.segmentId();
            }
            boolean assigned = false;
            boolean engaged = false;
            boolean opened = false;
            boolean clicked = false;
            boolean converted = false;
            BigDecimal revenue = BigDecimal.ZERO;
            long impliedOpens = 0;
            long impliedClicks = 0;
            for (CpoEvent event : history) {
                if (event instanceof AssignmentEvent a) {
                    if (!assigned) {
                        assigned = true;
                        arm = a.arm();
                        segment = a.segment().id();
                    }
                    continue;
                }
                EngagementEvent e = (EngagementEvent) event;
                int step = e.type().ordinal();
                boolean valid = e.arm().equals(arm);
                if (valid && rule == FunnelRule.REJECT) {
                    valid = !(e.type() == EngagementType.CLICKED && !opened)
                            && !(e.type() == EngagementType.CONVERTED && !clicked);
                }
                if (!valid) {
                    out.rejected++;
                    continue;
                }
                // An event counts in the cell the customer is in when it arrives.
                out.cells.computeIfAbsent(new TallyKey(experimentId, arm, segment), k -> new Tally()).events++;
                engaged = true;
                if (!opened && step >= EngagementType.OPENED.ordinal()) {
                    opened = true;
                    if (step > EngagementType.OPENED.ordinal()) {
                        impliedOpens++;
                    }
                }
                if (!clicked && step >= EngagementType.CLICKED.ordinal()) {
                    clicked = true;
                    if (step > EngagementType.CLICKED.ordinal()) {
                        impliedClicks++;
                    }
                }
                if (e.type() == EngagementType.CONVERTED) {
                    converted = true;
                    if (e.revenue() != null) {
                        revenue = revenue.add(e.revenue());
                    }
                }
            }
            Tally cell = out.cells.computeIfAbsent(new TallyKey(experimentId, arm, segment), k -> new Tally());
            if (assigned) {
                cell.assigned++;
                cell.delivered += engaged ? 1 : 0;
                cell.opened += opened ? 1 : 0;
                cell.clicked += clicked ? 1 : 0;
                cell.converted += converted ? 1 : 0;
                cell.impliedOpens += impliedOpens;
                cell.impliedClicks += impliedClicks;
                out.impliedClicks += impliedClicks;
                double r = revenue.doubleValue();
                cell.revenueSum += r;
                cell.revenueSumOfSquares += r * r;
            } else if (engaged) {
                cell.orphans++;
                out.orphans++;
            }
        }
        out.cells.values().removeIf(Tally::isZero);
        return out;
    }
}
