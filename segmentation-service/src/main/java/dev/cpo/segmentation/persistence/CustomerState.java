package dev.cpo.segmentation.persistence;

import dev.cpo.events.Activity;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.Segment;
import dev.cpo.segmentation.segment.CustomerSnapshot;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The stored state of one CRM customer (active record). No names or e-mail addresses are kept. */
@Entity
@Table(name = "customer_state")
public class CustomerState extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "last_event_id")
    public UUID lastEventId;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
    @Column(name = "account_created_at")
    public Instant accountCreatedAt;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
    @Column(name = "first_purchase_at")
    public Instant firstPurchaseAt;
    @Column(name = "last_purchase_at")
    public Instant lastPurchaseAt;
    @Column(name = "order_count")
    public int orderCount;
    @Column(name = "total_spend")
    public BigDecimal totalSpend;
    public String currency;
    public String tier;
    @Column(name = "email_consent")
    public boolean emailConsent;
    @Column(name = "segment_id")
    public String segmentId;
    @Column(name = "segment_label")
    public String segmentLabel;
    @Column(name = "segment_strategy")
    public String segmentStrategy;
    @Column(name = "model_version")
    public String modelVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** @return whether the event may overwrite this state: it is at least as new as the last one applied */
    public boolean isSupersededBy(CustomerEvent event) {
        return lastEventAt == null || !event.occurredAt().isBefore(lastEventAt);
    }

    /** Copies the CRM facts of the event into this state. */
    public void apply(CustomerEvent event, Instant now) {
        Activity activity = event.effectiveActivity();
        customerId = event.customerId();
        lastEventId = event.eventId();
        lastEventAt = event.occurredAt();
        if (event.profile() != null) {
            accountCreatedAt = event.profile().accountCreatedAt();
            tier = event.profile().tier();
        }
        lastActivityAt = activity.lastActivityAt();
        firstPurchaseAt = activity.firstPurchaseAt();
        lastPurchaseAt = activity.lastPurchaseAt();
        orderCount = activity.orderCount();
        totalSpend = activity.totalSpend();
        currency = activity.currency();
        emailConsent = event.consent().emailMarketing();
        updatedAt = now;
    }

    /** Records the segment the customer is in now. */
    public void assign(Segment segment) {
        segmentId = segment.id();
        segmentLabel = segment.label();
        segmentStrategy = segment.strategy();
        modelVersion = segment.modelVersion();
    }

    /** @return the domain view of this state */
    public CustomerSnapshot snapshot() {
        return new CustomerSnapshot(customerId, accountCreatedAt, lastActivityAt, lastPurchaseAt, orderCount,
                totalSpend, tier, emailConsent);
    }
}
