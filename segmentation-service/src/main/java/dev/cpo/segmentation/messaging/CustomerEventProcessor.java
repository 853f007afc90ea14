package dev.cpo.segmentation.messaging;

import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.SegmentEvent;
import dev.cpo.segmentation.service.SegmentationService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * The Kafka edge: one {@code customers} record in, one {@code segments} record out, keyed by customer id.
 * <p>
 * Records arrive as bytes and are decoded here, so a record that is not a valid customer event is rejected with a
 * precise reason: the exception thrown nacks the record, and the channel's dead-letter strategy writes it, unchanged,
 * to {@code customers-dlq} with the reason in the {@code dead-letter-reason} header. Consumption goes on.
 */
@ApplicationScoped
public class CustomerEventProcessor {

    private static final Logger LOG = Logger.getLogger(CustomerEventProcessor.class);

    private final SegmentationService segmentation;
    private final FlowCounters counters;

    CustomerEventProcessor(SegmentationService segmentation, FlowCounters counters) {
        this.segmentation = segmentation;
        this.counters = counters;
    }

    /**
     * @param record a raw {@code customers} record
     * @return the {@code segments} record
     * @throws RejectedRecordException when the record is not a valid customer event, or cannot be processed
     */
    @Incoming(Channels.CUSTOMERS_IN)
    @Outgoing(Channels.SEGMENTS_OUT)
    @Blocking
    public Record<String, SegmentEvent> process(ConsumerRecord<String, byte[]> record) {
        counters.received();
        CustomerEvent event;
        try {
            event = EventCodec.decode(record.value(), CustomerEvent.class);
            if (record.key() != null && !record.key().equals(event.customerId())) {
                throw new InvalidEventException("record key does not match customerId");
            }
        } catch (InvalidEventException e) {
            counters.deadLettered("invalid-event");
            LOG.warnf("Rejected customers record at partition %d offset %d: %s", record.partition(),
                    record.offset(), e.reason());
            throw new RejectedRecordException(e.reason(), e);
        }
        try {
            SegmentEvent segment = segmentation.apply(event);
            counters.published();
            return Record.of(segment.customerId(), segment);
        } catch (RuntimeException e) {
            counters.deadLettered("processing-error");
            LOG.errorf(e, "Could not process customers event %s", event.eventId());
            throw new RejectedRecordException("processing failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
