package dev.cpo.retrieval.messaging;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.SegmentEvent;
import dev.cpo.kafka.Attempts;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import dev.cpo.retrieval.retrieve.ContentRetriever;
import dev.cpo.retrieval.search.SearchUnavailableException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The Kafka edge: a batch of {@code segments} records in; one {@code content} record per valid record out, keyed by
 * customer id; every other record to {@code segments-dlq}, unchanged, with the reason in {@code dead-letter-reason}.
 * Searches go through the retriever's cache, so a batch of customers of a few segments costs a few searches.
 */
@ApplicationScoped
public class SegmentEventProcessor {

    private static final Logger LOG = Logger.getLogger(SegmentEventProcessor.class);
    private static final int ATTEMPTS = 3;

    private final ContentRetriever retriever;
    private final ContentPublisher publisher;
    private final StageCounters counters;
    private volatile CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    SegmentEventProcessor(ContentRetriever retriever, ContentPublisher publisher) {
        this.retriever = retriever;
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
    @Incoming(Channels.SEGMENTS_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecords<String, byte[]> batch = message.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords()).orElseThrow();
        counters.received(batch.count());
        List<Output<ContentEvent>> outputs = new ArrayList<>(batch.count());
        List<Rejection> rejections = new ArrayList<>();
        int invalid = 0;
        for (ConsumerRecord<String, byte[]> record : batch) {
            SegmentEvent segment;
            try {
                segment = EventCodec.decode(record.value(), SegmentEvent.class);
                if (record.key() != null && !record.key().equals(segment.customerId())) {
                    throw new InvalidEventException("record key does not match customerId");
                }
            } catch (InvalidEventException e) {
                LOG.warnf("Rejected segments record at partition %d offset %d: %s", record.partition(),
                        record.offset(), e.reason());
                rejections.add(new Rejection(record, e.reason()));
                invalid++;
                continue;
            }
            ContentEvent content = retrieveWithRetries(segment);
            if (content == null) {
                rejections.add(new Rejection(record, "content search unavailable after " + ATTEMPTS + " attempts"));
            } else {
                outputs.add(new Output<>(content.customerId(), content, record));
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
                counters.deadLettered("search-unavailable", deadLettered - rejectedInvalid);
                message.ack();
            } else {
                LOG.errorf(failure, "The broker did not acknowledge a batch of %d content records", published);
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
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

    private ContentEvent retrieveWithRetries(SegmentEvent segment) {
        return Attempts.upTo(ATTEMPTS, SearchUnavailableException.class, () -> retriever.retrieve(segment),
                (attempt, of, e) -> LOG.errorf("Content search failed for segment %s (attempt %d of %d): %s",
                        segment.segment().id(), attempt, of, e.getMessage()))
                .orElse(null);
    }
}
