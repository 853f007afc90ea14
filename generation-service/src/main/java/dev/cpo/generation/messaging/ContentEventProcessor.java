package dev.cpo.generation.messaging;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventIds;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.VariantsEvent;
import dev.cpo.generation.cache.VariantSetCache;
import dev.cpo.generation.cache.VariantSetCache.VariantSet;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.kafka.BatchResult;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.PipelinedBatches;
import dev.cpo.kafka.Rejection;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The Kafka edge: a batch of {@code content} records in; one {@code variants} record per valid record out, keyed by
 * customer id; every other record to {@code content-dlq}, unchanged, with the reason in {@code dead-letter-reason}.
 * Variants come from the variant-set cache, so a batch of customers of a few segments costs a few look-ups, and a
 * model is called only for a segment and content set never seen before.
 */
@ApplicationScoped
public class ContentEventProcessor {

    /** The stage name in derived event ids. */
    public static final String STAGE = "generation";

    private static final Logger LOG = Logger.getLogger(ContentEventProcessor.class);

    private final VariantSetCache cache;
    private final PipelinedBatches<VariantsEvent> batches;
    private final Clock clock = Clock.systemUTC();
    private final ContentEventDecoder decoder = new ContentEventDecoder(10_000);

    ContentEventProcessor(VariantSetCache cache, VariantsPublisher publisher) {
        this.cache = cache;
        this.batches = new PipelinedBatches<>(publisher, publisher.counters());
    }

    /**
     * @param message the records of one poll
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     * @see PipelinedBatches#process
     */
    @Incoming(Channels.CONTENT_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        return batches.process(message, this::variantsOf);
    }

    private BatchResult<VariantsEvent> variantsOf(ConsumerRecords<String, byte[]> batch) {
        BatchResult<VariantsEvent> result = new BatchResult<>(batch.count());
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> record : batch) {
            ContentEvent content;
            try {
                content = decoder.decode(record.value());
                if (record.key() != null && !record.key().equals(content.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected content record at partition %d offset %d: %s", record.partition(),
                        record.offset(), e.reason());
                result.reject(new Rejection(record, e.reason()), "invalid-event");
                continue;
            }
            try {
                VariantSet set = cache.setFor(content.segment(), content.snippets());
                result.output(new Output<>(content.customerId(), variantsEvent(content, set, now), record));
            } catch (GenerationUnavailableException e) {
                LOG.errorf("No variants for segment %s at partition %d offset %d: %s", content.segment().id(),
                        record.partition(), record.offset(), e.getMessage());
                result.reject(new Rejection(record, "generation unavailable: " + e.getMessage()),
                        "generation-unavailable");
            } catch (RuntimeException e) {
                LOG.errorf(e, "Processing the content record at partition %d offset %d failed", record.partition(),
                        record.offset());
                result.reject(new Rejection(record, "processing error: " + e.getClass().getSimpleName()),
                        "processing-error");
            }
        }
        return result;
    }

    private static VariantsEvent variantsEvent(ContentEvent content, VariantSet set, Instant now) {
        return new VariantsEvent(EventIds.derive(content.eventId(), STAGE), VariantsEvent.SCHEMA_VERSION, now,
                content.customerId(), content.eventId(), content.segment(), content.features(), set.snippets(),
                set.variants());
    }
}
