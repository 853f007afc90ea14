package dev.cpo.segmentation.validation;

import dev.cpo.events.Activity;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import java.time.Duration;
import java.time.Instant;

/**
 * What segmentation accepts from the CRM beyond the contract's own checks: a bounded payload, and no date in the
 * future (allowing for clock skew between the CRM and us). Reasons name fields, never values.
 */
public final class CustomerEventRules {

    private final int maxPayloadBytes;
    private final Duration allowedClockSkew;

    /**
     * @param maxPayloadBytes the largest record value accepted
     * @param allowedClockSkew how far in the future a date may be before it counts as wrong
     */
    public CustomerEventRules(int maxPayloadBytes, Duration allowedClockSkew) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.allowedClockSkew = allowedClockSkew;
    }

    /**
     * Decodes and checks one record value.
     *
     * @param payload the record value
     * @param now the current instant
     * @return the valid event
     * @throws InvalidEventException with the reason when the record is not acceptable
     */
    public CustomerEvent accept(byte[] payload, Instant now) {
        if (payload != null && payload.length > maxPayloadBytes) {
            throw new InvalidEventException(
                    "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        CustomerEvent event = EventCodec.decode(payload, CustomerEvent.class);
        Instant latest = now.plus(allowedClockSkew);
        notAfter("occurredAt", event.occurredAt(), latest);
        if (event.profile() != null) {
            notAfter("profile.accountCreatedAt", event.profile().accountCreatedAt(), latest);
        }
        if (event.activity() != null) {
            Activity activity = event.activity();
            notAfter("activity.lastActivityAt", activity.lastActivityAt(), latest);
            notAfter("activity.firstPurchaseAt", activity.firstPurchaseAt(), latest);
            notAfter("activity.lastPurchaseAt", activity.lastPurchaseAt(), latest);
        }
        for (int i = 0; i < event.transactions().size(); i++) {
            notAfter("transactions[" + i + "].occurredAt", event.transactions().get(i).occurredAt(), latest);
        }
        return event;
    }

    private static void notAfter(String field, Instant value, Instant latest) {
        if (value != null && value.isAfter(latest)) {
            throw new InvalidEventException("field '" + field + "' is in the future");
        }
    }
}
