package dev.cpo.experiment.messaging;

import dev.cpo.events.Topics;
import dev.cpo.kafka.BatchSender;
import dev.cpo.kafka.DeadLetterHeaders;
import dev.cpo.kafka.Output;
import dev.cpo.kafka.Rejection;
import dev.cpo.kafka.StageCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The measurement side publishes nothing but its dead letters: each rejected record goes, unchanged and with the
 * reason, to the dead-letter topic of the topic it came from ({@code assignments-dlq} or {@code engagement-dlq}).
 */
@ApplicationScoped
public class MeasurementDeadLetters implements BatchSender<Void> {

    private final KafkaClientService clients;
    private final StageCounters counters;

    MeasurementDeadLetters(@Channel(Channels.MEASURE_DLQ_OUT) MutinyEmitter<byte[]> deadLetters,
            KafkaClientService clients, MeterRegistry registry) {
        // The emitter declares the channel, whose sink creates (and configures, and closes) the producer used here.
        this.clients = clients;
        this.counters = new StageCounters(registry, "measurement");
    }

    @Override
    public CompletableFuture<Void> publish(List<Output<Void>> outputs, List<Rejection> rejections) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            ConsumerRecord<String, byte[]> record = rejection.record();
            records.add(new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(),
                    record.value() == null ? new byte[0] : record.value(), DeadLetterHeaders.of(rejection)));
        }
        return KafkaSends.sendAll(clients.<String, byte[]>getProducer(Channels.MEASURE_DLQ_OUT).unwrap(), records);
    }

    /** @return the measurement stage's in/dead-letter counters */
    public StageCounters counters() {
        return counters;
    }
}
