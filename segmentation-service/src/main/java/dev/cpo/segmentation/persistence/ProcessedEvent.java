package dev.cpo.segmentation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The idempotency ledger: one row per customers event applied, keyed by its event id. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "processed_at")
    public Instant processedAt;

    /** For JPA. */
    protected ProcessedEvent() {
    }

    /** A ledger entry for an event applied now. */
    public ProcessedEvent(UUID eventId, String customerId, Instant processedAt) {
        this.eventId = eventId;
        this.customerId = customerId;
        this.processedAt = processedAt;
    }
}
