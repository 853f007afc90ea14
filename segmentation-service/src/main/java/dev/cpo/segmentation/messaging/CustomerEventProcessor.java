package dev.cpo.segmentation.messaging;

import dev.cpo.events.CustomerEvent;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.SegmentEvent;
import dev.cpo.kafka.Attempts;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import dev.cpo.segmentation.service.ActiveSegmenter;
import dev.cpo.segmentation.service.SegmentationService;
import dev.cpo.segmentation.validation.CustomerEventRules;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The Kafka edge: a batch of {@code customers} records in; one {@code segments} record per valid record out, keyed by
 * customer id; every other record to {@code customers-dlq}, unchanged, with the reason in {@code dead-letter-reason}.
 * <p>
 * Records arrive as bytes and are decoded here, so one bad record never fails its batch, and the state of the whole
 * batch is written in one transaction. The batch is committed only after every output is acknowledged by the broker;
 * a redelivered batch is harmless because the service is idempotent on event ids.
 */
@ApplicationScoped
public class CustomerEventProcessor {

    private static final Logger LOG = Logger.getLogger(CustomerEventProcessor.class);
    private static final int ATTEMPTS = 3;

    private final SegmentationService segmentation;
    private final CustomerEventRules rules;
    private final SegmentPublisher publisher;
    private final StageCounters counters;
    private final Clock clock;
    private final ActiveSegmenter active;
    private final SegmentRecomputer recomputer;

    CustomerEventProcessor(SegmentationService segmentation, CustomerEventRules rules, SegmentPublisher publisher,
            Clock clock, ActiveSegmenter active, SegmentRecomputer recomputer) {
        this.segmentation = segmentation;
        this.active = active;
        this.recomputer = recomputer;
        this.rules = rules;
        this.publisher = publisher;
        this.counters = publisher.counters();
        this.clock = clock;
    }

    /** @param batch the records of one poll */
    @Incoming(Channels.CUSTOMERS_IN)
    @Blocking
    public void process(ConsumerRecords<String, byte[]> batch) {
        counters.received(batch.count());
        Instant now = clock.instant();
        List<ConsumerRecord<String, byte[]>> accepted = new ArrayList<>(batch.count());
        List<CustomerEvent> events = new ArrayList<>(batch.count());
        List<Rejection> rejections = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                CustomerEvent event = rules.accept(record.value(), now);
                if (record.key() != null && !record.key().equals(event.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
                accepted.add(record);
                events.add(event);
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected customers record at partition %d offset %d: %s", record.partition(),
                        record.offset(), e.reason());
                rejections.add(new Rejection(record, e.reason()));
            }
        }
        int invalid = rejections.size();
        List<Output<SegmentEvent>> outputs = new ArrayList<>(events.size());
        if (!events.isEmpty()) {
            List<SegmentEvent> segments = applyWithRetries(events);
            if (segments == null) {
                for (ConsumerRecord<String, byte[]> record : accepted) {
                    rejections.add(new Rejection(record, "processing failed after " + ATTEMPTS + " attempts"));
                }
            } else {
                for (int i = 0; i < segments.size(); i++) {
                    outputs.add(new Output<>(segments.get(i).customerId(), segments.get(i), accepted.get(i)));
                }
            }
        }
        publisher.publishAndWait(outputs, rejections);
        counters.published(outputs.size());
        counters.deadLettered("invalid-event", invalid);
        counters.deadLettered("processing-error", rejections.size() - invalid);
        recomputer.afterBatch();
    }

    private List<SegmentEvent> applyWithRetries(List<CustomerEvent> events) {
        return Attempts.upTo(ATTEMPTS, RuntimeException.class,
                () -> active.exclusively(() -> segmentation.apply(events)),
                (attempt, of, e) -> LOG.errorf(e, "Could not apply a batch of %d customers events (attempt %d of %d)",
                        events.size(), attempt, of))
                .orElse(null);
    }
}
