package dev.cpo.experiment.ledger;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger over plain maps: participants by experiment and customer, the engagement event ids seen, and the cell
 * totals. What the service keeps in PostgreSQL, held in memory: for benchmarks, tests and checking an import before
 * it is sent. Not thread-safe.
 */
public final class InMemoryMeasurement {

    private final EngagementLedger ledger;
    private final Map<String, Participant> participants = new HashMap<>();
    private final Set<UUID> seen = new HashSet<>();
    private final Map<TallyKey, Tally> totals = new HashMap<>();
    private final TallyChanges changes = new TallyChanges();
    private long duplicates;
    private long rejected;

    /**
     * @param rule the funnel rule
     */
    public InMemoryMeasurement(FunnelRule rule) {
        this.ledger = new EngagementLedger(rule);
    }

    /**
     * @param event an assignment
     * @return what happened
     */
    public EngagementLedger.Result accept(AssignmentEvent event) {
        Participant p = participant(event.experimentId(), event.customerId(), event.arm(), event.segment().id());
        EngagementLedger.Result result = ledger.assign(p, event.arm(), event.segment().id(), changes);
        flush();
        return result;
    }

    /**
     * @param event an engagement event
     * @return what happened; null for a duplicate event id
     */
    public EngagementLedger.Result accept(EngagementEvent event) {
        if (!seen.add(event.eventId())) {
            duplicates++;
            return null;
        }
        Participant p = participant(event.experimentId(), event.customerId(), event.arm(), event.segmentId());
        EngagementLedger.Result result = ledger.engage(p, event.arm(), event.type(), event.revenue(), changes);
        if (result.outcome() == EngagementLedger.Outcome.REJECTED) {
            rejected++;
        }
        flush();
        return result;
    }

    /**
     * @return the cell totals (live view)
     */
    public Map<TallyKey, Tally> totals() {
        return totals;
    }

    /**
     * @return duplicate event ids ignored
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * @return events rejected by the ledger
     */
    public long rejected() {
        return rejected;
    }

    /**
     * @return participants known
     */
    public int participants() {
        return participants.size();
    }

    private Participant participant(String experimentId, String customerId, String arm, String segmentId) {
        Participant p = participants.get(experimentId + '\u0000' + customerId);
        if (p == null) {
            p = ledger.newParticipant(experimentId, customerId, arm, segmentId);
            participants.put(experimentId + '\u0000' + customerId, p);
        }
        return p;
    }

    private void flush() {
        changes.applyTo(totals);
        changes.clear();
    }
}
