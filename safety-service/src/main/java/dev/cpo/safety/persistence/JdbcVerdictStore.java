package dev.cpo.safety.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.EventCodec;
import dev.cpo.events.HarmCategory;
import dev.cpo.events.Verdict;
import dev.cpo.safety.screen.AuditRecord;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import dev.cpo.safety.screen.VerdictStore;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;

/**
 * The audit trail in PostgreSQL ({@code screening_decision}, created by Flyway), written once per variant and policy
 * and read back as the verdict cache. A database failure is reported as screening unavailable: fail closed.
 */
@ApplicationScoped
public class JdbcVerdictStore implements VerdictStore {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = EventCodec.mapper();

    JdbcVerdictStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Verdict> find(String variantId, String textHash, String policyVersion) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT verdict FROM screening_decision WHERE variant_id = ? AND text_hash = ? AND policy_version = ?")) {
            select.setString(1, variantId);
            select.setString(2, textHash);
            select.setString(3, policyVersion);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(json.readValue(row.getString(1), Verdict.class)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new ScreeningUnavailableException("cannot read the audit trail: " + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public Verdict record(AuditRecord record) {
        Verdict verdict = record.verdict();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        """
                                INSERT INTO screening_decision (decided_at, variant_id, policy_version, segment_id, tone,
                                    decision, provider, hate, self_harm, sexual, violence, blocklist_matches, reasons, verdict,
                                    text_hash)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?)
                                ON CONFLICT (variant_id, text_hash, policy_version) DO NOTHING""")) {
            insert.setTimestamp(1, Timestamp.from(record.decidedAt()));
            insert.setString(2, record.variantId());
            insert.setString(3, verdict.policyVersion());
            insert.setString(4, record.segmentId());
            insert.setString(5, record.tone().wireName());
            insert.setString(6, verdict.decision().name().toLowerCase(java.util.Locale.ROOT));
            insert.setString(7, verdict.provider());
            int column = 8;
            for (HarmCategory category : HarmCategory.values()) {
                Integer severity = verdict.severities().get(category);
                if (severity == null) {
                    insert.setNull(column++, Types.SMALLINT);
                } else {
                    insert.setShort(column++, severity.shortValue());
                }
            }
            insert.setString(12, json.writeValueAsString(verdict.blocklistMatches()));
            insert.setString(13, json.writeValueAsString(verdict.reasons()));
            insert.setString(14, json.writeValueAsString(verdict));
            insert.setString(15, record.textHash());
            if (insert.executeUpdate() == 1) {
                return verdict;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new ScreeningUnavailableException("cannot write the audit trail: " + e.getClass().getSimpleName(),
                    e);
        }
        return find(record.variantId(), record.textHash(), verdict.policyVersion()).orElseThrow(
                () -> new ScreeningUnavailableException("a recorded decision vanished", null));
    }
}
