package dev.cpo.kafka;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs work that may fail for a passing reason (a database or search service briefly away) a few times, with a
 * growing pause between attempts, before the caller dead-letters the input.
 */
public final class Attempts {

    /** What to do with a failed attempt, e.g. log it. */
    @FunctionalInterface
    public interface FailureListener {

        /**
         * @param attempt the attempt that failed, from 1
         * @param of how many attempts there are
         * @param failure why
         */
        void failed(int attempt, int of, RuntimeException failure);
    }

    private Attempts() {
    }

    /**
     * @param attempts how many times to try (at least 1)
     * @param retryOn the failures worth another attempt; any other is thrown at once
     * @param work the work
     * @param listener told of each failed attempt
     * @return the work's result, or empty when every attempt failed
     */
    public static <T> Optional<T> upTo(int attempts, Class<? extends RuntimeException> retryOn, Supplier<T> work,
            FailureListener listener) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return Optional.of(work.get());
            } catch (RuntimeException e) {
                if (!retryOn.isInstance(e)) {
                    throw e;
                }
                listener.failed(attempt, attempts, e);
                if (attempt < attempts && !pause(200L * attempt * attempt)) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
