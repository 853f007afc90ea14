package dev.cpo.generation.messaging;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventIds;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.VariantsEvent;
import dev.cpo.generation.cache.VariantSetCache;
import dev.cpo.generation.cache.VariantSetCache.VariantSet;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final VariantsPublisher publisher;
    private final StageCounters counters;
    private final Clock clock = Clock.systemUTC();
    private final ContentEventDecoder decoder = new ContentEventDecoder(10_000);
    private volatile CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    ContentEventProcessor(VariantSetCache cache, VariantsPublisher publisher) {
        this.cache = cache;
        this.publisher = publisher;
        this.counters = publisher.counters();
    }

    /**
     * Builds the outputs of one poll and sends them; the poll is acknowledged (and so committed) only when the broker
     * has acknowledged every output. While they are on their way the next poll is already built: at most two polls are
     * in flight, because each waits for its predecessor's acknowledgement before sending.
     *
     * @param message the records of one poll
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     */
    @Incoming(Channels.CONTENT_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecords<String, byte[]> batch = message.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords()).orElseThrow();
        counters.received(batch.count());
        List<Output<VariantsEvent>> outputs = new ArrayList<>(batch.count());
        List<Rejection> rejections = new ArrayList<>();
        int invalid = 0;
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
                rejections.add(new Rejection(record, e.reason()));
                invalid++;
                continue;
            }
            try {
                VariantSet set = cache.setFor(content.segment(), content.snippets());
                outputs.add(new Output<>(content.customerId(), variantsEvent(content, set, now), record));
            } catch (GenerationUnavailableException e) {
                LOG.errorf("No variants for segment %s at partition %d offset %d: %s", content.segment().id(),
                        record.partition(), record.offset(), e.getMessage());
                rejections.add(new Rejection(record, "generation unavailable: " + e.getMessage()));
            }
        }
        awaitPrevious();
        int published = outputs.size();
        int deadLettered = rejections.size();
        int rejectedInvalid = invalid;
        previous = publisher.publish(outputs, rejections).whenComplete((ok, failure) -> {
            if (failure == null) {
                counters.published(published);
                counters.deadLettered("invalid-event", rejectedInvalid);
                counters.deadLettered("generation-unavailable", deadLettered - rejectedInvalid);
                message.ack();
            } else {
                LOG.errorf(failure, "The broker did not acknowledge a batch of %d variants records", published);
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    private static VariantsEvent variantsEvent(ContentEvent content, VariantSet set, Instant now) {
        return new VariantsEvent(EventIds.derive(content.eventId(), STAGE), VariantsEvent.SCHEMA_VERSION, now,
                content.customerId(), content.eventId(), content.segment(), content.features(), set.snippets(),
                set.variants());
    }

    private void awaitPrevious() {
        try {
            previous.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Already nacked (or still pending after a minute): this batch goes on; its own acknowledgement decides.
        }
    }
}
