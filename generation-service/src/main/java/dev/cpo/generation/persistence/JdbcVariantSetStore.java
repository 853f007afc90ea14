package dev.cpo.generation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Variant;
import dev.cpo.generation.cache.VariantSetStore;
import dev.cpo.generation.generate.VariantSetKey;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The variant sets in PostgreSQL ({@code variant_set}, created by Flyway), read and written with plain JDBC. */
@ApplicationScoped
public class JdbcVariantSetStore implements VariantSetStore {

    private static final TypeReference<List<Variant>> VARIANTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = EventCodec.mapper();

    JdbcVariantSetStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<List<Variant>> find(VariantSetKey key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection
                        .prepareStatement("SELECT variants FROM variant_set WHERE id = ?")) {
            select.setString(1, key.id());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new VariantStoreException("cannot read variant set " + key.id() + ": " + e.getSQLState(), e);
        }
    }

    @Override
    public List<Variant> putIfAbsent(VariantSetKey key, List<Variant> variants) {
        long tokensIn = 0;
        long tokensOut = 0;
        BigDecimal cost = BigDecimal.ZERO;
        int valid = 0;
        for (Variant variant : variants) {
            tokensIn += variant.generation().tokensIn();
            tokensOut += variant.generation().tokensOut();
            cost = cost.add(variant.generation().cost());
            valid += variant.valid() ? 1 : 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO variant_set (id, segment_id, segment_label, content_hash, prompt_version, provider,
                            model, variants, valid_variants, tokens_in, tokens_out, cost_usd)
                        VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")) {
            insert.setString(1, key.id());
            insert.setString(2, key.segmentId());
            insert.setString(3, key.segmentLabel());
            insert.setString(4, key.contentHash());
            insert.setString(5, key.promptVersion());
            insert.setString(6, key.provider());
            insert.setString(7, key.model());
            insert.setString(8, json.writeValueAsString(variants));
            insert.setInt(9, valid);
            insert.setLong(10, tokensIn);
            insert.setLong(11, tokensOut);
            insert.setBigDecimal(12, cost);
            if (insert.executeUpdate() == 1) {
                return variants;
            }
        } catch (SQLException e) {
            throw new VariantStoreException("cannot store variant set " + key.id() + ": " + e.getSQLState(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("variants cannot be written as JSON", e);
        }
        return find(key).orElseThrow(() -> new VariantStoreException("variant set " + key.id() + " vanished", null));
    }

    /**
     * @param segmentId only this segment's sets, or all when null
     * @param limit at most this many, newest first
     * @return the stored sets
     */
    public List<StoredVariantSet> list(String segmentId, int limit) {
        String sql = "SELECT id, segment_id, segment_label, content_hash, prompt_version, provider, model, variants,"
                + " tokens_in, tokens_out, cost_usd, created_at FROM variant_set"
                + (segmentId == null ? "" : " WHERE segment_id = ?") + " ORDER BY created_at DESC, id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            if (segmentId != null) {
                select.setString(index++, segmentId);
            }
            select.setInt(index, limit);
            List<StoredVariantSet> sets = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sets.add(new StoredVariantSet(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                            row.getLong(9), row.getLong(10), row.getBigDecimal(11),
                            instant(row.getTimestamp(12)), read(row.getString(8))));
                }
            }
            return sets;
        } catch (SQLException e) {
            throw new VariantStoreException("cannot list variant sets: " + e.getSQLState(), e);
        }
    }

    /**
     * @param segmentId a segment
     * @return how many sets were deleted
     */
    public int deleteSegment(String segmentId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection
                        .prepareStatement("DELETE FROM variant_set WHERE segment_id = ?")) {
            delete.setString(1, segmentId);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new VariantStoreException("cannot delete variant sets: " + e.getSQLState(), e);
        }
    }

    private List<Variant> read(String variants) {
        try {
            return List.copyOf(json.readValue(variants, VARIANTS));
        } catch (JsonProcessingException e) {
            throw new VariantStoreException("a stored variant set is not readable", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * A stored set with its bookkeeping, for the REST view.
     *
     * @param id the set's id
     * @param segmentId the segment
     * @param segmentLabel its label
     * @param contentHash the content set's hash
     * @param promptVersion the prompt version
     * @param provider the provider
     * @param model the model
     * @param tokensIn prompt tokens of all its calls
     * @param tokensOut completion tokens of all its calls
     * @param costUsd cost of all its calls
     * @param createdAt when it was stored
     * @param variants the variants
     */
    public record StoredVariantSet(String id, String segmentId, String segmentLabel, String contentHash,
            String promptVersion, String provider, String model, long tokensIn, long tokensOut, BigDecimal costUsd,
            Instant createdAt, List<Variant> variants) {
    }
}
