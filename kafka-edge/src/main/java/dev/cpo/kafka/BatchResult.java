package dev.cpo.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a stage made of one input batch: its outputs, and its dead letters counted by kind (a small fixed vocabulary
 * such as {@code invalid-event}, the {@code reason} tag of {@code cpo.records.dead.lettered}).
 *
 * @param <T> the event type of the stage's output topic
 */
public final class BatchResult<T> {

    private final List<Output<T>> outputs;
    private final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, Integer> deadLetteredByKind = new LinkedHashMap<>();
    private final List<CompletableFuture<?>> alsoSent = new ArrayList<>();

    /** @param expectedOutputs the batch's size, to size the output list */
    public BatchResult(int expectedOutputs) {
        this.outputs = new ArrayList<>(expectedOutputs);
    }

    /** @param output one output */
    public void output(Output<T> output) {
        outputs.add(output);
    }

    /**
     * @param rejection one dead letter, with the reason written on it
     * @param kind its kind, for the counters
     */
    public void reject(Rejection rejection, String kind) {
        rejections.add(rejection);
        deadLetteredByKind.merge(kind, 1, Integer::sum);
    }

    /**
     * @param sent something else the batch published (e.g. to an ops topic); the batch is committed only once this
     *        completed too, and fails with it
     */
    public void alsoAwait(CompletableFuture<?> sent) {
        alsoSent.add(sent);
    }

    /** @return what else the batch published */
    public List<CompletableFuture<?>> alsoSent() {
        return alsoSent;
    }

    /** @return the outputs */
    public List<Output<T>> outputs() {
        return outputs;
    }

    /** @return the dead letters */
    public List<Rejection> rejections() {
        return rejections;
    }

    /** @return dead letters per kind */
    public Map<String, Integer> deadLetteredByKind() {
        return deadLetteredByKind;
    }
}
