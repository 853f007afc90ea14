package dev.cpo.retrieval.messaging;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.SegmentEvent;
import dev.cpo.kafka.Attempts;
import dev.cpo.kafka.BatchResult;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.PipelinedBatches;
import dev.cpo.kafka.Rejection;
import dev.cpo.retrieval.retrieve.ContentRetriever;
import dev.cpo.retrieval.search.SearchUnavailableException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
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
    private final PipelinedBatches<ContentEvent> batches;

    SegmentEventProcessor(ContentRetriever retriever, ContentPublisher publisher) {
        this.retriever = retriever;
        this.batches = new PipelinedBatches<>(publisher, publisher.counters());
    }

    /**
     * @param message the records of one poll
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     * @see PipelinedBatches#process
     */
    @Incoming(Channels.SEGMENTS_IN)
    @Blocking
    public CompletionStage<Void> process(Message<List<byte[]>> message) {
        return batches.process(message, this::contentOf);
    }

    private BatchResult<ContentEvent> contentOf(ConsumerRecords<String, byte[]> batch) {
        BatchResult<ContentEvent> result = new BatchResult<>(batch.count());
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
                result.reject(new Rejection(record, e.reason()), "invalid-event");
                continue;
            }
            ContentEvent content = retrieveWithRetries(segment);
            if (content == null) {
                result.reject(new Rejection(record, "content search unavailable after " + ATTEMPTS + " attempts"),
                        "search-unavailable");
            } else {
                result.output(new Output<>(content.customerId(), content, record));
            }
        }
        return result;
    }

    private ContentEvent retrieveWithRetries(SegmentEvent segment) {
        return Attempts.upTo(ATTEMPTS, SearchUnavailableException.class, () -> retriever.retrieve(segment),
                (attempt, of, e) -> LOG.errorf("Content search failed for segment %s (attempt %d of %d): %s",
                        segment.segment().id(), attempt, of, e.getMessage()))
                .orElse(null);
    }
}
