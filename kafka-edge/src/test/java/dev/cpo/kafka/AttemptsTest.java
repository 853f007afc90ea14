package dev.cpo.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AttemptsTest {

    @Test
    void aPassingFailureIsRetriedUntilTheWorkSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> failed = new ArrayList<>();

        var result = Attempts.upTo(3, IllegalStateException.class, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("down");
            }
            return "ok";
        }, (attempt, of, e) -> failed.add(attempt));

        assertThat(result).contains("ok");
        assertThat(failed).containsExactly(1, 2);
    }

    @Test
    void afterTheLastAttemptNothingIsReturned() {
        AtomicInteger calls = new AtomicInteger();

        var result = Attempts.upTo(2, IllegalStateException.class, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }, (attempt, of, e) -> {
        });

        assertThat(result).isEmpty();
        assertThat(calls).hasValue(2);
    }

    @Test
    void otherFailuresAreThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Attempts.upTo(3, IllegalStateException.class, () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bug");
        }, (attempt, of, e) -> {
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }
}
