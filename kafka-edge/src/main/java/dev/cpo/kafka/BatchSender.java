package dev.cpo.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one input batch's outputs and dead letters.
 *
 * @param <T> the event type of the stage's output topic
 */
@FunctionalInterface
public interface BatchSender<T> {

    /**
     * Sends everything now.
     *
     * @param outputs the outputs
     * @param rejections the dead letters
     * @return completed when the broker acknowledged every record; failed on the first failure
     */
    CompletableFuture<Void> publish(List<Output<T>> outputs, List<Rejection> rejections);
}
