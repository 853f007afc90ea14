package dev.cpo.kafka;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The body of a batched {@code @Incoming} method of a stage that only reads Kafka and writes Kafka: builds the
 * outputs of one poll and sends them; the poll is acknowledged (and so committed) only when the broker has
 * acknowledged every output and dead letter. While they are on their way the next poll is already being built: at
 * most two polls are in flight, because each waits for its predecessor's acknowledgement before sending. Counts
 * in, out and dead-lettered (by kind) once the broker has them.
 *
 * @param <T> the event type of the stage's output topic
 */
public final class PipelinedBatches<T> {

    private static final Logger LOG = Logger.getLogger(PipelinedBatches.class);

    private final BatchSender<T> sender;
    private final StageCounters counters;
    private volatile CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    /**
     * @param sender publishes a batch's results
     * @param counters the stage's counters
     */
    public PipelinedBatches(BatchSender<T> sender, StageCounters counters) {
        this.sender = sender;
        this.counters = counters;
    }

    /**
     * @param message the records of one poll ({@code batch=true}, values as bytes)
     * @param work what the stage makes of the poll's records
     * @return completed once this poll's records are sent; its acknowledgement follows separately
     */
    public CompletionStage<Void> process(Message<List<byte[]>> message,
            Function<ConsumerRecords<String, byte[]>, BatchResult<T>> work) {
        @SuppressWarnings("unchecked")
        ConsumerRecords<String, byte[]> batch = message.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords()).orElseThrow();
        counters.received(batch.count());
        BatchResult<T> result;
        try {
            result = work.apply(batch);
        } catch (RuntimeException e) {
            // A defect, not bad input (that is dead-lettered per record): hand the whole poll to the channel's
            // failure strategy (dead-letter-queue) instead of failing the stream and stalling the partition.
            LOG.errorf(e, "Processing a batch of %d records failed; the failure strategy takes them", batch.count());
            counters.deadLettered("processing-error", batch.count());
            message.nack(e);
            return CompletableFuture.completedFuture(null);
        }
        awaitPrevious();
        CompletableFuture<Void> sent = sender.publish(result.outputs(), result.rejections());
        if (!result.alsoSent().isEmpty()) {
            List<CompletableFuture<?>> all = new ArrayList<>(result.alsoSent());
            all.add(sent);
            sent = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }
        previous = sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                counters.published(result.outputs().size());
                result.deadLetteredByKind().forEach(counters::deadLettered);
                message.ack();
            } else {
                LOG.errorf(failure, "The broker did not acknowledge a batch of %d records",
                        result.outputs().size() + result.rejections().size());
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
}
