package dev.cpo.experiment.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends a list of records and completes when the broker acknowledged all of them, or fails on the first failure. */
final class KafkaSends {

    private KafkaSends() {
    }

    static <V> CompletableFuture<Void> sendAll(Producer<String, V> producer, List<ProducerRecord<String, V>> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (records.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger pending = new AtomicInteger(records.size());
        try {
            for (ProducerRecord<String, V> record : records) {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (pending.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                });
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
