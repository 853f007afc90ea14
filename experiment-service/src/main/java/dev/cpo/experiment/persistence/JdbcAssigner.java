package dev.cpo.experiment.persistence;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EventIds;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ContactDecision;
import dev.cpo.experiment.assignment.ContactSkip;
import dev.cpo.experiment.assignment.Delivery;
import dev.cpo.experiment.assignment.PermutedBlockAllocator;
import dev.cpo.experiment.assignment.SaltedHashAllocator;
import dev.cpo.experiment.assignment.VariantChoice;
import dev.cpo.experiment.definition.ExperimentDefinition;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Assigns one batch of screened customers to the running live experiment, in one PostgreSQL transaction.
 *
 * <p>Per screened event, in order:
 * <ol>
 * <li>Its assignment event id is derived from its own id. If a message with that id was already sent (a redelivery
 * or a replay), the same assignment is published again, unchanged (same arm, same text, same time): the frequency
 * cap does not apply to a repeat of the same message.</li>
 * <li>Otherwise the contact policy decides (consent, frequency cap over every experiment's messages, inactivity). A
 * skipped customer is recorded once per screened event, by reason.</li>
 * <li>A customer already in the experiment keeps the arm (sticky; the row is never updated). A new customer gets an
 * arm: salted hashing from the design; permuted blocks from the next slot of the customer's segment, reserved in
 * {@code stratum_counter} so every replica draws from one sequence.</li>
 * <li>The arm's message is chosen ({@link VariantChoice}: a passed variant of the arm's tone, or the control
 * message with the fallback reason recorded), the assignment is inserted once ({@code ON CONFLICT DO NOTHING}: if
 * another replica assigned the customer meanwhile, its arm wins) and the message is logged.</li>
 * </ol>
 */
@ApplicationScoped
public class JdbcAssigner {

    /** The stage name in derived event ids. */
    public static final String STAGE = "experiment";

    private final AgroalDataSource dataSource;

    JdbcAssigner(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One screened event's outcome: an assignment to publish, or a skip.
     *
     * @param source the screened event
     * @param assignment the assignment to publish; null when skipped
     * @param skip the skip; null when assigned
     * @param repeated whether the assignment repeats one already sent
     */
    public record Planned(ScreenedEvent source, AssignmentEvent assignment, ContactSkip skip, boolean repeated) {
    }

    /**
     * @param definition the running live experiment
     * @param events the screened events of one batch
     * @param now the time of the batch
     * @return one outcome per event, in order
     * @throws StorageException when PostgreSQL fails (nothing is written)
     */
    public List<Planned> assign(ExperimentDefinition definition, List<ScreenedEvent> events, Instant batchTime) {
        // PostgreSQL keeps microseconds: a replay must publish the very same time it stored.
        Instant now = batchTime.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Planned> planned = assign(c, definition, events, now);
                c.commit();
                return planned;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not assign a batch of " + events.size() + " customers", e);
        }
    }

    private List<Planned> assign(Connection c, ExperimentDefinition definition, List<ScreenedEvent> events,
            Instant now) throws SQLException {
        String experimentId = definition.id();
        Set<String> customers = new HashSet<>();
        List<UUID> outputIds = new ArrayList<>();
        for (ScreenedEvent e : events) {
            customers.add(e.customerId());
            outputIds.add(EventIds.derive(e.eventId(), STAGE));
        }
        Map<String, String> arms = existingArms(c, experimentId, customers);
        Map<UUID, Instant> sent = sentMessages(c, outputIds);
        Map<String, Instant> lastContact = lastContacts(c, customers);

        // First pass: decide who is skipped, repeated, kept or new.
        int n = events.size();
        ContactSkip[] skips = new ContactSkip[n];
        boolean[] repeated = new boolean[n];
        Map<String, List<Integer>> newByStratum = new LinkedHashMap<>();
        Set<String> newInBatch = new HashSet<>();
        Map<UUID, Integer> firstInBatch = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ScreenedEvent e = events.get(i);
            UUID outId = outputIds.get(i);
            if (sent.containsKey(outId) && arms.containsKey(e.customerId())) {
                repeated[i] = true;
                continue;
            }
            Integer first = firstInBatch.putIfAbsent(outId, i);
            if (first != null) {
                // The same screened event twice in one poll: the second gets what the first got.
                skips[i] = skips[first];
                repeated[i] = skips[i] == null;
                continue;
            }
            ContactDecision decision = definition.contactPolicy().evaluate(e.features().emailConsent(),
                    lastContact.get(e.customerId()), now, e.features().daysSinceLastActivity());
            if (!decision.allowed()) {
                skips[i] = new ContactSkip(experimentId, e.customerId(), e.eventId(),
                        decision.skipReason().wireName(), now);
                continue;
            }
            lastContact.put(e.customerId(), now);
            if (!arms.containsKey(e.customerId()) && newInBatch.add(e.customerId())) {
                newByStratum.computeIfAbsent(e.segment().id(), s -> new ArrayList<>()).add(i);
            }
        }

        // Second pass: arms for the new customers.
        Map<String, Arm> newArms = allocate(c, definition, events, newByStratum);
        if (!newArms.isEmpty()) {
            Set<String> inserted = insertAssignments(c, definition, events, newByStratum, newArms, now);
            Set<String> lost = new HashSet<>(newArms.keySet());
            lost.removeAll(inserted);
            for (String customer : inserted) {
                arms.put(customer, newArms.get(customer).name());
            }
            if (!lost.isEmpty()) {
                // Another replica assigned them first: its arm is the customer's arm.
                arms.putAll(existingArms(c, experimentId, lost));
            }
        }

        // Third pass: messages.
        VariantChoice choice = new VariantChoice(definition.controlMessage());
        List<Planned> planned = new ArrayList<>(n);
        List<UUID> logIds = new ArrayList<>();
        List<String> logCustomers = new ArrayList<>();
        List<String> logArms = new ArrayList<>();
        List<ContactSkip> skipRows = new ArrayList<>();
        Set<UUID> loggedInBatch = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ScreenedEvent e = events.get(i);
            if (skips[i] != null) {
                planned.add(new Planned(e, null, skips[i], false));
                if (!skipRows.contains(skips[i])) {
                    skipRows.add(skips[i]);
                }
                continue;
            }
            String armName = arms.get(e.customerId());
            Arm arm = definition.design().arm(armName);
            Delivery delivery = choice.choose(arm, e.variants());
            UUID outId = outputIds.get(i);
            Instant at = repeated[i] ? sent.getOrDefault(outId, now) : now;
            AssignmentEvent assignment = new AssignmentEvent(outId, AssignmentEvent.SCHEMA_VERSION, at,
                    e.customerId(), e.eventId(), experimentId, arm.name(), arm.kind(), delivery.tone(), e.segment(),
                    delivery.variantId(), delivery.subject(), delivery.body(), delivery.fallbackReasonWire(),
                    e.features().emailConsent());
            planned.add(new Planned(e, assignment, null, repeated[i]));
            if (!repeated[i] && loggedInBatch.add(outId)) {
                logIds.add(outId);
                logCustomers.add(e.customerId());
                logArms.add(arm.name());
            }
        }
        logMessages(c, experimentId, logIds, logCustomers, logArms, now);
        recordSkips(c, skipRows);
        return planned;
    }

    private Map<String, Arm> allocate(Connection c, ExperimentDefinition definition, List<ScreenedEvent> events,
            Map<String, List<Integer>> newByStratum) throws SQLException {
        Map<String, Arm> out = new HashMap<>();
        if (newByStratum.isEmpty()) {
            return out;
        }
        if (definition.design().strategy() == AllocationStrategy.SALTED_HASH) {
            SaltedHashAllocator allocator = new SaltedHashAllocator(definition.design());
            newByStratum.forEach((stratum, indexes) -> {
                for (int i : indexes) {
                    out.put(events.get(i).customerId(), allocator.allocate(events.get(i).customerId(), stratum));
                }
            });
            return out;
        }
        PermutedBlockAllocator allocator = new PermutedBlockAllocator(definition.design());
        String sql = "INSERT INTO stratum_counter (experiment_id, stratum, allocated) VALUES (?, ?, ?) "
                + "ON CONFLICT (experiment_id, stratum) DO UPDATE SET allocated = stratum_counter.allocated "
                + "+ EXCLUDED.allocated RETURNING allocated";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, List<Integer>> entry : newByStratum.entrySet()) {
                List<Integer> indexes = entry.getValue();
                ps.setString(1, definition.id());
                ps.setString(2, entry.getKey());
                ps.setLong(3, indexes.size());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long first = rs.getLong(1) - indexes.size();
                    for (int k = 0; k < indexes.size(); k++) {
                        out.put(events.get(indexes.get(k)).customerId(),
                                allocator.armAt(entry.getKey(), first + k));
                    }
                }
            }
        }
        return out;
    }

    private Set<String> insertAssignments(Connection c, ExperimentDefinition definition, List<ScreenedEvent> events,
            Map<String, List<Integer>> newByStratum, Map<String, Arm> newArms, Instant now) throws SQLException {
        List<String> customers = new ArrayList<>();
        List<String> armNames = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        List<UUID> causations = new ArrayList<>();
        for (List<Integer> indexes : newByStratum.values()) {
            for (int i : indexes) {
                ScreenedEvent e = events.get(i);
                customers.add(e.customerId());
                armNames.add(newArms.get(e.customerId()).name());
                segments.add(e.segment().id());
                causations.add(e.eventId());
            }
        }
        String sql = "INSERT INTO assignment (experiment_id, customer_id, arm, segment_id, causation_id, assigned_at) "
                + "SELECT ?, * , ? FROM unnest(?::text[], ?::text[], ?::text[], ?::uuid[]) "
                + "ON CONFLICT (experiment_id, customer_id) DO NOTHING RETURNING customer_id";
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, definition.id());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, c.createArrayOf("text", customers.toArray()));
            ps.setArray(4, c.createArrayOf("text", armNames.toArray()));
            ps.setArray(5, c.createArrayOf("text", segments.toArray()));
            ps.setArray(6, c.createArrayOf("uuid", causations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    private static Map<String, String> existingArms(Connection c, String experimentId, Set<String> customers)
            throws SQLException {
        Map<String, String> arms = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT customer_id, arm FROM assignment WHERE experiment_id = ? AND customer_id = ANY (?)")) {
            ps.setString(1, experimentId);
            ps.setArray(2, c.createArrayOf("text", customers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    arms.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return arms;
    }

    private static Map<UUID, Instant> sentMessages(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, Instant> sent = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_id, contacted_at FROM contact_log WHERE event_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sent.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return sent;
    }

    private static Map<String, Instant> lastContacts(Connection c, Set<String> customers) throws SQLException {
        Map<String, Instant> last = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, max(contacted_at) FROM contact_log "
                + "WHERE customer_id = ANY (?) GROUP BY customer_id")) {
            ps.setArray(1, c.createArrayOf("text", customers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return last;
    }

    private static void logMessages(Connection c, String experimentId, List<UUID> ids, List<String> customers,
            List<String> arms, Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO contact_log (event_id, customer_id, arm, experiment_id, contacted_at) "
                        + "SELECT *, ?, ? FROM unnest(?::uuid[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING")) {
            ps.setString(1, experimentId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            ps.setArray(4, c.createArrayOf("text", customers.toArray()));
            ps.setArray(5, c.createArrayOf("text", arms.toArray()));
            ps.executeUpdate();
        }
    }

    private static void recordSkips(Connection c, List<ContactSkip> skips) throws SQLException {
        if (skips.isEmpty()) {
            return;
        }
        List<String> experiments = new ArrayList<>();
        List<UUID> causations = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ContactSkip s : skips) {
            experiments.add(s.experimentId());
            causations.add(s.causationId());
            customers.add(s.customerId());
            reasons.add(s.reason());
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO contact_skip (experiment_id, causation_id, customer_id, reason, skipped_at) "
                        + "SELECT *, ? FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[]) "
                        + "ON CONFLICT DO NOTHING")) {
            ps.setTimestamp(1, Timestamp.from(skips.get(0).skippedAt()));
            ps.setArray(2, c.createArrayOf("text", experiments.toArray()));
            ps.setArray(3, c.createArrayOf("uuid", causations.toArray()));
            ps.setArray(4, c.createArrayOf("text", customers.toArray()));
            ps.setArray(5, c.createArrayOf("text", reasons.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * @param experimentId an experiment
     * @return customers skipped, by reason (each screened event once)
     */
    public Map<String, Long> skipCounts(String experimentId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT reason, count(*) FROM contact_skip WHERE experiment_id = ? GROUP BY reason ORDER BY reason")) {
            ps.setString(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the skips of " + experimentId, e);
        }
        return counts;
    }

    /**
     * @param experimentId an experiment
     * @return assigned customers per segment, then per arm (the assignment side's own count, for the balance report)
     */
    public Map<String, Map<String, Long>> assignmentCounts(String experimentId) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT segment_id, arm, count(*) FROM assignment WHERE experiment_id = ? GROUP BY segment_id, arm "
                                + "ORDER BY segment_id, arm")) {
            ps.setString(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), s -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not count the assignments of " + experimentId, e);
        }
        return counts;
    }

}
