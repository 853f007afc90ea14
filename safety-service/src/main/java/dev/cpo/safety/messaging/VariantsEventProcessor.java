package dev.cpo.safety.messaging;

import dev.cpo.events.EventCodec;
import dev.cpo.events.EventIds;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Variant;
import dev.cpo.events.VariantsEvent;
import dev.cpo.kafka.BatchResult;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.PipelinedBatches;
import dev.cpo.kafka.Rejection;
import dev.cpo.safety.screen.AuditRecord;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import dev.cpo.safety.screen.VariantScreener;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The Kafka edge: a batch of {@code variants} records in; one {@code screened} record per valid record out, every
 * variant with its verdict; every other record to {@code variants-dlq}, unchanged, with the reason. A record whose
 * variants cannot all be screened (the screener or the audit trail is unavailable) is held there as a whole, never
 * published with a variant unscreened: fail closed. Each decision made is also published to {@code safety-audit}.
 */
@ApplicationScoped
public class VariantsEventProcessor {

    /** The stage name in derived event ids. */
    public static final String STAGE = "safety";

    private static final Logger LOG = Logger.getLogger(VariantsEventProcessor.class);

    private final VariantScreener screener;
    private final SafetyPublisher publisher;
    private final PipelinedBatches<ScreenedEvent> batches;
    private final Clock clock = Clock.systemUTC();

    VariantsEventProcessor(VariantScreener screener, SafetyPublisher publisher) {
        this.screener = screener;
        this.publisher = publisher;
        this.batches = new PipelinedBatches<>(publisher, publisher.counters());
    }

    /**
     * @param message the records of one poll
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     * @see PipelinedBatches#process
     */
    @Incoming(Channels.VARIANTS_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        return batches.process(message, this::screen);
    }

    private BatchResult<ScreenedEvent> screen(ConsumerRecords<String, byte[]> batch) {
        BatchResult<ScreenedEvent> result = new BatchResult<>(batch.count());
        List<AuditRecord> decided = new ArrayList<>();
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> record : batch) {
            VariantsEvent event;
            try {
                event = EventCodec.decode(record.value(), VariantsEvent.class);
                if (record.key() != null && !record.key().equals(event.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected variants record at partition %d offset %d: %s", record.partition(),
                        record.offset(), e.reason());
                result.reject(new Rejection(record, e.reason()), "invalid-event");
                continue;
            }
            List<AuditRecord> decidedHere = new ArrayList<>();
            try {
                List<ScreenedVariant> screened = new ArrayList<>(event.variants().size());
                for (Variant variant : event.variants()) {
                    VariantScreener.Screening screening = screener.screen(event.segment(), variant);
                    screened.add(screening.screened());
                    screening.decided().ifPresent(decidedHere::add);
                }
                result.output(new Output<>(event.customerId(), new ScreenedEvent(EventIds.derive(event.eventId(),
                        STAGE), ScreenedEvent.SCHEMA_VERSION, now, event.customerId(), event.eventId(),
                        event.segment(), event.features(), screened), record));
            } catch (ScreeningUnavailableException e) {
                LOG.errorf("Held variants record at partition %d offset %d: %s", record.partition(), record.offset(),
                        e.getMessage());
                result.reject(new Rejection(record, "screening unavailable: " + e.getMessage()),
                        "screening-unavailable");
            } catch (RuntimeException e) {
                // A defect: the record is held like an unscreenable one, never published (fail closed).
                LOG.errorf(e, "Screening the variants record at partition %d offset %d failed", record.partition(),
                        record.offset());
                result.reject(new Rejection(record, "processing error: " + e.getClass().getSimpleName()),
                        "processing-error");
            } finally {
                // Decisions made before a later variant of the record failed are on record: publish them too.
                decided.addAll(decidedHere);
            }
        }
        try {
            result.alsoAwait(publisher.publishDecisions(decided));
        } catch (RuntimeException e) {
            result.alsoAwait(CompletableFuture.failedFuture(e));
        }
        return result;
    }
}
