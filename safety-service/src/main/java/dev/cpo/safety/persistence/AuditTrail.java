package dev.cpo.safety.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Verdict;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reading the audit trail: pages, every row (for CSV), and pass/block counts by category, segment and tone. */
@ApplicationScoped
public class AuditTrail {

    private static final String COLUMNS = "decided_at, variant_id, segment_id, tone, decision, provider,"
            + " policy_version, hate, self_harm, sexual, violence, verdict";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = EventCodec.mapper();

    AuditTrail(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One decision.
     *
     * @param decidedAt when
     * @param variantId the variant
     * @param segmentId its segment
     * @param tone its tone
     * @param decision pass or block
     * @param provider the screener
     * @param policyVersion the policy
     * @param verdict severities, blocklist matches and reasons
     */
    public record Entry(Instant decidedAt, String variantId, String segmentId, String tone, String decision,
            String provider, String policyVersion, Verdict verdict) {
    }

    /**
     * Counts of one group.
     *
     * @param total decisions
     * @param blocked of which blocked
     * @param passRate passed / total (0 when there are none)
     */
    public record Counts(long total, long blocked, double passRate) {

        static Counts of(long total, long blocked) {
            return new Counts(total, blocked, total == 0 ? 0 : (double) (total - blocked) / total);
        }
    }

    /**
     * @param query filters
     * @param offset rows to skip
     * @param limit rows to return
     * @return the page, newest first
     */
    public List<Entry> page(AuditQuery query, long offset, int limit) {
        List<Entry> entries = new ArrayList<>();
        forEach(query, " ORDER BY decided_at DESC, id DESC OFFSET " + offset + " LIMIT " + limit, entries::add);
        return entries;
    }

    /**
     * @param query filters
     * @return how many decisions match
     */
    public long count(AuditQuery query) {
        Where where = where(query);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM screening_decision" + where.sql)) {
            where.bind(select);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
    }

    /**
     * @param query filters
     * @param each told of every matching decision, oldest first
     */
    public void forEach(AuditQuery query, Consumer<Entry> each) {
        forEach(query, " ORDER BY decided_at, id", each);
    }

    /**
     * @param query filters
     * @param thresholds the blocking severity per category column (hate, self_harm, sexual, violence)
     * @return counts overall, per category (decisions at or over its threshold), per segment and per tone
     */
    public Map<String, Object> report(AuditQuery query, Map<String, Integer> thresholds) {
        Where where = where(query);
        Map<String, Object> report = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            report.put("overall", groups(connection, "'all'", where).getOrDefault("all", Counts.of(0, 0)));
            Map<String, Object> categories = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> threshold : thresholds.entrySet()) {
                String column = threshold.getKey();
                try (PreparedStatement select = connection.prepareStatement("SELECT count(*), count(*) FILTER"
                        + " (WHERE " + column + " >= " + threshold.getValue() + ") FROM screening_decision"
                        + where.sql)) {
                    where.bind(select);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        categories.put(column, Counts.of(row.getLong(1), row.getLong(2)));
                    }
                }
            }
            report.put("byCategory", categories);
            report.put("bySegment", groups(connection, "segment_id", where));
            report.put("byTone", groups(connection, "tone", where));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
        return report;
    }

    private Map<String, Counts> groups(Connection connection, String column, Where where) throws SQLException {
        Map<String, Counts> groups = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + column + ", count(*),"
                + " count(*) FILTER (WHERE decision = 'block') FROM screening_decision" + where.sql + " GROUP BY 1"
                + " ORDER BY 1")) {
            where.bind(select);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    groups.put(row.getString(1), Counts.of(row.getLong(2), row.getLong(3)));
                }
            }
        }
        return groups;
    }

    private void forEach(AuditQuery query, String tail, Consumer<Entry> each) {
        Where where = where(query);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM screening_decision" + where.sql + tail)) {
            select.setFetchSize(1000);
            where.bind(select);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    each.accept(new Entry(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                            json.readValue(row.getString(12), Verdict.class)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
    }

    private static Where where(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        add(conditions, values, "segment_id = ?", query.segment());
        add(conditions, values, "tone = ?", query.tone());
        add(conditions, values, "decision = ?", query.decision());
        add(conditions, values, "provider = ?", query.provider());
        add(conditions, values, "decided_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        add(conditions, values, "decided_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
    }

    private static void add(List<String> conditions, List<Object> values, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.add(value);
        }
    }

    private record Where(String sql, List<Object> values) {

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
        }
    }
}
