package dev.cpo.segmentation.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The hot path's persistence: reads and writes a whole batch of customers with a handful of statements (array
 * look-ups, batched upserts that PostgreSQL receives as multi-row inserts). It joins the caller's transaction.
 * <p>
 * Plain JDBC on purpose: per-entity ORM bookkeeping cost more than the rest of the pipeline stage together. Everything
 * else (REST, recompute) uses the Panache entities over the same tables.
 */
@ApplicationScoped
public class CustomerBatchStore {

    private static final String COLUMNS = "customer_id, last_event_id, last_event_at, account_created_at, "
            + "last_activity_at, first_purchase_at, last_purchase_at, order_count, total_spend, currency, tier, "
            + "email_consent, segment_id, segment_label, segment_strategy, model_version, updated_at";
    private static final String UPSERT = "INSERT INTO customer_state (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET "
            + "last_event_id = EXCLUDED.last_event_id, last_event_at = EXCLUDED.last_event_at, "
            + "account_created_at = EXCLUDED.account_created_at, last_activity_at = EXCLUDED.last_activity_at, "
            + "first_purchase_at = EXCLUDED.first_purchase_at, last_purchase_at = EXCLUDED.last_purchase_at, "
            + "order_count = EXCLUDED.order_count, total_spend = EXCLUDED.total_spend, "
            + "currency = EXCLUDED.currency, tier = EXCLUDED.tier, email_consent = EXCLUDED.email_consent, "
            + "segment_id = EXCLUDED.segment_id, segment_label = EXCLUDED.segment_label, "
            + "segment_strategy = EXCLUDED.segment_strategy, model_version = EXCLUDED.model_version, "
            + "updated_at = EXCLUDED.updated_at";

    private final AgroalDataSource dataSource;

    CustomerBatchStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param eventIds event ids
     * @return those that were applied before
     */
    public Set<UUID> appliedEventIds(Collection<UUID> eventIds) {
        Set<UUID> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT event_id FROM processed_event WHERE event_id = ANY (?)")) {
            Array ids = connection.createArrayOf("uuid", eventIds.toArray());
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    applied.add(rows.getObject(1, UUID.class));
                }
            }
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the idempotency ledger", e);
        }
    }

    /**
     * @param customerIds customer ids
     * @return the stored states among them, detached, by customer id
     */
    public Map<String, CustomerState> load(Collection<String> customerIds) {
        Map<String, CustomerState> states = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM customer_state WHERE customer_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    CustomerState s = new CustomerState();
                    s.customerId = rows.getString(1);
                    s.lastEventId = rows.getObject(2, UUID.class);
                    s.lastEventAt = instant(rows, 3);
                    s.accountCreatedAt = instant(rows, 4);
                    s.lastActivityAt = instant(rows, 5);
                    s.firstPurchaseAt = instant(rows, 6);
                    s.lastPurchaseAt = instant(rows, 7);
                    s.orderCount = rows.getInt(8);
                    s.totalSpend = rows.getBigDecimal(9);
                    s.currency = rows.getString(10);
                    s.tier = rows.getString(11);
                    s.emailConsent = rows.getBoolean(12);
                    s.segmentId = rows.getString(13);
                    s.segmentLabel = rows.getString(14);
                    s.segmentStrategy = rows.getString(15);
                    s.modelVersion = rows.getString(16);
                    s.updatedAt = instant(rows, 17);
                    states.put(s.customerId, s);
                }
            }
            return states;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customer state", e);
        }
    }

    /**
     * Writes the states (inserts or replaces) and records the applied event ids, in the caller's transaction.
     *
     * @param states the customers' states after the batch
     * @param applied the event ids applied by the batch, with their customer
     * @param now the processing instant
     */
    public void save(Collection<CustomerState> states, Map<UUID, String> applied, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (CustomerState s : states) {
                    upsert.setString(1, s.customerId);
                    upsert.setObject(2, s.lastEventId);
                    setInstant(upsert, 3, s.lastEventAt);
                    setInstant(upsert, 4, s.accountCreatedAt);
                    setInstant(upsert, 5, s.lastActivityAt);
                    setInstant(upsert, 6, s.firstPurchaseAt);
                    setInstant(upsert, 7, s.lastPurchaseAt);
                    upsert.setInt(8, s.orderCount);
                    upsert.setBigDecimal(9, s.totalSpend == null ? BigDecimal.ZERO : s.totalSpend);
                    upsert.setString(10, s.currency);
                    upsert.setString(11, s.tier);
                    upsert.setBoolean(12, s.emailConsent);
                    upsert.setString(13, s.segmentId);
                    upsert.setString(14, s.segmentLabel);
                    upsert.setString(15, s.segmentStrategy);
                    upsert.setString(16, s.modelVersion);
                    setInstant(upsert, 17, s.updatedAt);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            try (PreparedStatement ledger = connection.prepareStatement(
                    "INSERT INTO processed_event (event_id, customer_id, processed_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (event_id) DO NOTHING")) {
                for (Map.Entry<UUID, String> entry : applied.entrySet()) {
                    ledger.setObject(1, entry.getKey());
                    ledger.setString(2, entry.getValue());
                    setInstant(ledger, 3, now);
                    ledger.addBatch();
                }
                ledger.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write customer state", e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp t = rows.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, java.time.OffsetDateTime.ofInstant(value, java.time.ZoneOffset.UTC));
        }
    }
}
