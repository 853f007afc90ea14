package dev.cpo.generation.openai;

import java.time.Duration;

/**
 * Waits between two attempts. Production sleeps the calling thread; tests pass a recording fake so they never wait.
 */
@FunctionalInterface
public interface Pause {

    /**
     * @param duration how long to wait, never negative
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** @return a pause that sleeps the calling thread */
    static Pause sleeping() {
        return duration -> {
            if (!duration.isZero() && !duration.isNegative()) {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
