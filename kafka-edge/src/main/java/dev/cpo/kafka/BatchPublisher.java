package dev.cpo.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a stage's outputs and dead letters for one input batch and waits until the broker acknowledged every
 * one, so the batch is committed only after its results are safe.
 * <p>
 * Each output continues the W3C trace of the record it comes from: the context is read from the input's headers and
 * handed to the connector, which writes it into the output's headers. A dead letter keeps the original key, value and
 * headers and adds the {@link DeadLetterHeaders}.
 *
 * @param <T> the event type of the stage's output topic
 */
public final class BatchPublisher<T> implements BatchSender<T> {

    private final MutinyEmitter<T> outputs;
    private final MutinyEmitter<byte[]> deadLetters;
    private final OpenTelemetry openTelemetry;
    private final Duration timeout;

    /**
     * @param outputs the emitter of the output channel
     * @param deadLetters the emitter of the dead-letter channel ({@code byte[]} values)
     * @param openTelemetry where the trace propagator comes from
     * @param timeout how long to wait for the broker's acknowledgements
     */
    public BatchPublisher(MutinyEmitter<T> outputs, MutinyEmitter<byte[]> deadLetters, OpenTelemetry openTelemetry,
            Duration timeout) {
        this.outputs = outputs;
        this.deadLetters = deadLetters;
        this.openTelemetry = openTelemetry;
        this.timeout = timeout;
    }

    /**
     * Sends everything, then waits for the broker's acknowledgement of each record.
     *
     * @param results the outputs
     * @param rejections the dead letters
     * @throws RuntimeException when a send fails or is not acknowledged in time
     */
    public void publishAndWait(List<Output<T>> results, List<Rejection> rejections) {
        try {
            publish(results, rejections).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch within " + timeout, e);
        }
    }

    /**
     * Sends everything now; the returned {@code Uni} completes when the broker acknowledged every record (or fails on
     * the first failure). Lets a stage go on with its next batch while this one is acknowledged, acknowledging its
     * input only then.
     *
     * @param results the outputs
     * @param rejections the dead letters
     * @return the acknowledgement of the whole batch
     */
    @Override
    public CompletableFuture<Void> publish(List<Output<T>> results, List<Rejection> rejections) {
        List<Uni<Void>> sends = new ArrayList<>(results.size() + rejections.size());
        for (Output<T> output : results) {
            Message<T> message = Message.of(output.value())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(output.key()).build());
            if (output.cause() != null) {
                message = message.addMetadata(TracingMetadata.withCurrent(contextOf(output.cause())));
            }
            sends.add(outputs.sendMessage(message));
        }
        for (Rejection rejection : rejections) {
            sends.add(deadLetters.sendMessage(deadLetter(rejection)));
        }
        if (sends.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid().subscribeAsCompletionStage();
    }

    static Message<byte[]> deadLetter(Rejection rejection) {
        ConsumerRecord<String, byte[]> record = rejection.record();
        return Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key())
                        .withHeaders(DeadLetterHeaders.of(rejection)).build());
    }

    private Context contextOf(ConsumerRecord<String, byte[]> record) {
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record.headers(),
                TraceHeaders.GETTER);
    }
}
