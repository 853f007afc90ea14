package dev.cpo.experiment.persistence;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.experiment.ledger.EngagementLedger;
import dev.cpo.experiment.ledger.FunnelRule;
import dev.cpo.experiment.ledger.Participant;
import dev.cpo.experiment.ledger.Tally;
import dev.cpo.experiment.ledger.TallyChanges;
import dev.cpo.experiment.ledger.TallyKey;
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
import java.util.TreeSet;
import java.util.UUID;

/**
 * The measurement side in PostgreSQL: folds one batch of assignment and engagement events into the participants
 * and the aggregate cells ({@code tally}) in one transaction, with the {@link EngagementLedger}'s rules.
 *
 * <p>Idempotent: an engagement event id already applied is a duplicate ({@code engagement_event} is the key); an
 * assignment of a customer already assigned changes nothing. The participants of the batch are locked (in key
 * order) so two consumers never interleave on one customer. The cells change by increments, so the work per event
 * is constant and replicas add up.
 */
@ApplicationScoped
public class JdbcMeasurement {

    private final AgroalDataSource dataSource;
    private final EngagementLedger ledger;

    JdbcMeasurement(AgroalDataSource dataSource, FunnelRule rule) {
        this.dataSource = dataSource;
        this.ledger = new EngagementLedger(rule);
    }

    /** What happened to one event. */
    public enum Fate {
        /** Counted (or an assignment/step the customer already had: nothing new to count). */
        APPLIED,
        /** Applied with implied steps. */
        NORMALIZED,
        /** Its event id was applied before. */
        DUPLICATE,
        /** Not applied; dead-lettered with the reason. */
        REJECTED
    }

    /**
     * @param fate what happened
     * @param reason why it was rejected
     */
    public record Result(Fate fate, String reason) {
    }

    /**
     * @param assignments assignment events (applied first)
     * @param engagement engagement events, in order
     * @param now the time of the batch
     * @return the results of the assignments, then of the engagement events, in order
     */
    public List<Result> ingest(List<AssignmentEvent> assignments, List<EngagementEvent> engagement, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Result> results = ingest(c, assignments, engagement, now);
                c.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not record a batch of " + (assignments.size() + engagement.size())
                    + " events", e);
        }
    }

    private List<Result> ingest(Connection c, List<AssignmentEvent> assignments, List<EngagementEvent> engagement,
            Instant now) throws SQLException {
        Set<UUID> fresh = recordEventIds(c, engagement, now);
        Map<String, Participant> participants = lockParticipants(c, assignments, engagement);
        TallyChanges changes = new TallyChanges();
        List<Result> results = new ArrayList<>(assignments.size() + engagement.size());
        for (AssignmentEvent a : assignments) {
            Participant p = participants.computeIfAbsent(key(a.experimentId(), a.customerId()),
                    k -> ledger.newParticipant(a.experimentId(), a.customerId(), a.arm(), a.segment().id()));
            ledger.assign(p, a.arm(), a.segment().id(), changes);
            results.add(new Result(Fate.APPLIED, null));
        }
        List<UUID> rejectedIds = new ArrayList<>();
        Set<UUID> seenInBatch = new HashSet<>();
        for (EngagementEvent e : engagement) {
            if (!fresh.contains(e.eventId()) || !seenInBatch.add(e.eventId())) {
                results.add(new Result(Fate.DUPLICATE, null));
                continue;
            }
            Participant p = participants.computeIfAbsent(key(e.experimentId(), e.customerId()),
                    k -> ledger.newParticipant(e.experimentId(), e.customerId(), e.arm(), e.segmentId()));
            EngagementLedger.Result r = ledger.engage(p, e.arm(), e.type(), e.revenue(), changes);
            switch (r.outcome()) {
                case REJECTED :
                    rejectedIds.add(e.eventId());
                    results.add(new Result(Fate.REJECTED, r.reason()));
                    break;
                case NORMALIZED :
                    results.add(new Result(Fate.NORMALIZED, null));
                    break;
                default :
                    results.add(new Result(Fate.APPLIED, null));
            }
        }
        if (!rejectedIds.isEmpty()) {
            // A rejected event is not "seen": fixed and sent again, it is applied.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM engagement_event WHERE event_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", rejectedIds.toArray()));
                ps.executeUpdate();
            }
        }
        writeParticipants(c, participants.values());
        writeTallies(c, changes.nonZero());
        return results;
    }

    private static Set<UUID> recordEventIds(Connection c, List<EngagementEvent> engagement, Instant now)
            throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        if (engagement.isEmpty()) {
            return fresh;
        }
        int n = engagement.size();
        UUID[] ids = new UUID[n];
        String[] experiments = new String[n];
        String[] customers = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            EngagementEvent e = engagement.get(i);
            ids[i] = e.eventId();
            experiments[i] = e.experimentId();
            customers[i] = e.customerId();
            types[i] = e.type().wireName();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO engagement_event (event_id, experiment_id, customer_id, type, received_at) "
                        + "SELECT *, ? FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) "
                        + "ON CONFLICT DO NOTHING RETURNING event_id")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("text", experiments));
            ps.setArray(4, c.createArrayOf("text", customers));
            ps.setArray(5, c.createArrayOf("text", types));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    private Map<String, Participant> lockParticipants(Connection c, List<AssignmentEvent> assignments,
            List<EngagementEvent> engagement) throws SQLException {
        TreeSet<String> keys = new TreeSet<>();
        for (AssignmentEvent a : assignments) {
            keys.add(key(a.experimentId(), a.customerId()));
        }
        for (EngagementEvent e : engagement) {
            keys.add(key(e.experimentId(), e.customerId()));
        }
        Map<String, Participant> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String[] experiments = new String[keys.size()];
        String[] customers = new String[keys.size()];
        int i = 0;
        for (String k : keys) {
            int split = k.indexOf('\u0000');
            experiments[i] = k.substring(0, split);
            customers[i] = k.substring(split + 1);
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT p.experiment_id, p.customer_id, arm, segment_id, "
                + "assigned, delivered, opened, clicked, converted, implied_open, implied_click, conversions, revenue "
                + "FROM participant p "
                + "JOIN unnest(?::text[], ?::text[]) AS k(experiment_id, customer_id) "
                + "ON p.experiment_id = k.experiment_id AND p.customer_id = k.customer_id "
                + "ORDER BY p.experiment_id, p.customer_id FOR UPDATE OF p")) {
            ps.setArray(1, c.createArrayOf("text", experiments));
            ps.setArray(2, c.createArrayOf("text", customers));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Participant p = Participant.restore(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
                            rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11), rs.getInt(12),
                            rs.getBigDecimal(13));
                    out.put(key(p.experimentId(), p.customerId()), p);
                }
            }
        }
        return out;
    }

    private static void writeParticipants(Connection c, Iterable<Participant> participants) throws SQLException {
        List<Participant> dirty = new ArrayList<>();
        for (Participant p : participants) {
            if (p.dirty()) {
                dirty.add(p);
            }
        }
        if (dirty.isEmpty()) {
            return;
        }
        int n = dirty.size();
        Object[][] cols = new Object[13][n];
        for (int i = 0; i < n; i++) {
            Participant p = dirty.get(i);
            cols[0][i] = p.experimentId();
            cols[1][i] = p.customerId();
            cols[2][i] = p.arm();
            cols[3][i] = p.segmentId();
            cols[4][i] = p.assigned();
            cols[5][i] = p.delivered();
            cols[6][i] = p.opened();
            cols[7][i] = p.clicked();
            cols[8][i] = p.converted();
            cols[9][i] = p.impliedOpen();
            cols[10][i] = p.impliedClick();
            cols[11][i] = p.conversions();
            cols[12][i] = p.revenue();
        }
        String[] types = {"text", "text", "text", "text", "bool", "bool", "bool", "bool", "bool", "bool", "bool",
                "int4", "numeric"};
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO participant (experiment_id, customer_id, arm, "
                + "segment_id, assigned, delivered, opened, clicked, converted, implied_open, implied_click, conversions, "
                + "revenue) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::bool[], "
                + "?::bool[], ?::bool[], ?::bool[], ?::bool[], ?::bool[], ?::int4[], ?::numeric[]) "
                + "ON CONFLICT (experiment_id, customer_id) DO UPDATE SET arm = EXCLUDED.arm, "
                + "segment_id = EXCLUDED.segment_id, assigned = EXCLUDED.assigned, "
                + "implied_open = EXCLUDED.implied_open, implied_click = EXCLUDED.implied_click, "
                + "delivered = EXCLUDED.delivered, opened = EXCLUDED.opened, clicked = EXCLUDED.clicked, "
                + "converted = EXCLUDED.converted, conversions = EXCLUDED.conversions, revenue = EXCLUDED.revenue")) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf(types[k], cols[k]));
            }
            ps.executeUpdate();
        }
    }

    private static void writeTallies(Connection c, Map<TallyKey, Tally> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO tally (experiment_id, arm, segment_id, assigned, delivered, opened, clicked, "
                + "converted, revenue_sum, revenue_sum_sq, implied_opens, implied_clicks, orphans, events) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (experiment_id, arm, segment_id) "
                + "DO UPDATE SET assigned = tally.assigned + EXCLUDED.assigned, "
                + "delivered = tally.delivered + EXCLUDED.delivered, opened = tally.opened + EXCLUDED.opened, "
                + "clicked = tally.clicked + EXCLUDED.clicked, converted = tally.converted + EXCLUDED.converted, "
                + "revenue_sum = tally.revenue_sum + EXCLUDED.revenue_sum, "
                + "revenue_sum_sq = tally.revenue_sum_sq + EXCLUDED.revenue_sum_sq, "
                + "implied_opens = tally.implied_opens + EXCLUDED.implied_opens, "
                + "implied_clicks = tally.implied_clicks + EXCLUDED.implied_clicks, "
                + "orphans = tally.orphans + EXCLUDED.orphans, events = tally.events + EXCLUDED.events";
        // Sorted so two transactions lock the cells in the same order.
        List<Map.Entry<TallyKey, Tally>> sorted = new ArrayList<>(changes.entrySet());
        sorted.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(TallyKey::experimentId)
                .thenComparing(TallyKey::arm).thenComparing(TallyKey::segmentId)));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<TallyKey, Tally> e : sorted) {
                TallyKey k = e.getKey();
                Tally t = e.getValue();
                ps.setString(1, k.experimentId());
                ps.setString(2, k.arm());
                ps.setString(3, k.segmentId());
                ps.setLong(4, t.assigned);
                ps.setLong(5, t.delivered);
                ps.setLong(6, t.opened);
                ps.setLong(7, t.clicked);
                ps.setLong(8, t.converted);
                ps.setDouble(9, t.revenueSum);
                ps.setDouble(10, t.revenueSumOfSquares);
                ps.setLong(11, t.impliedOpens);
                ps.setLong(12, t.impliedClicks);
                ps.setLong(13, t.orphans);
                ps.setLong(14, t.events);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * @param experimentId an experiment
     * @return its aggregate cells (a few hundred rows at most: arms × segments)
     */
    public Map<TallyKey, Tally> cells(String experimentId) {
        Map<TallyKey, Tally> cells = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT arm, segment_id, assigned, delivered, opened, clicked, converted, revenue_sum, revenue_sum_sq, "
                                + "implied_opens, implied_clicks, orphans, events FROM tally WHERE experiment_id = ?")) {
            ps.setString(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tally t = new Tally();
                    t.assigned = rs.getLong(3);
                    t.delivered = rs.getLong(4);
                    t.opened = rs.getLong(5);
                    t.clicked = rs.getLong(6);
                    t.converted = rs.getLong(7);
                    t.revenueSum = rs.getDouble(8);
                    t.revenueSumOfSquares = rs.getDouble(9);
                    t.impliedOpens = rs.getLong(10);
                    t.impliedClicks = rs.getLong(11);
                    t.orphans = rs.getLong(12);
                    t.events = rs.getLong(13);
                    cells.put(new TallyKey(experimentId, rs.getString(1), rs.getString(2)), t);
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the aggregates of " + experimentId, e);
        }
        return cells;
    }

    private static String key(String experimentId, String customerId) {
        return experimentId + '\u0000' + customerId;
    }

}
