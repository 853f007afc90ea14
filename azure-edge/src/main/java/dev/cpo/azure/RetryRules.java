package dev.cpo.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When the SDK's {@code RetryPolicy} tries again. Its own rules, bounded: exponential back-off from
 * {@code min(800 ms, cap)} up to the cap, at most {@code maxRetries} times, on 408, 429 and 5xx but 501/505, and on
 * any failure to get a response (I/O error, per-try timeout). A throttled or unavailable response's
 * {@code Retry-After} (or {@code retry-after-ms}, {@code x-ms-retry-after-ms}) is honoured by the policy, however long;
 * so a response asking for longer than the cap is not retried at all, and fails at once.
 */
public final class RetryRules {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");
    private static final Duration SDK_BASE_DELAY = Duration.ofMillis(800);

    private RetryRules() {
    }

    /**
     * @param maxRetries retries after the first try
     * @param cap the longest wait between tries; a longer Retry-After fails at once
     * @param now the clock Retry-After dates are read against
     * @return the SDK's retry options with these rules
     */
    public static RetryOptions options(int maxRetries, Duration cap, Supplier<Instant> now) {
        Duration baseDelay = cap.compareTo(SDK_BASE_DELAY) < 0 ? cap : SDK_BASE_DELAY;
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(maxRetries).setBaseDelay(baseDelay)
                .setMaxDelay(cap)).setShouldRetryCondition(condition -> shouldRetry(condition, cap, now.get()));
    }

    static boolean shouldRetry(RequestRetryCondition condition, Duration cap, Instant now) {
        HttpResponse response = condition.getResponse();
        if (response == null) {
            return condition.getThrowable() instanceof Exception;
        }
        return retryableStatus(response.getStatusCode())
                && retryAfter(response.getHeaders(), now).map(delay -> delay.compareTo(cap) <= 0).orElse(true);
    }

    /**
     * @param status an HTTP status
     * @return whether it is worth another try: 408, 429 and 5xx but 501 and 505
     */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /** The delay a response asks for, read the way the SDK's {@code RetryPolicy} reads it. */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        for (HttpHeaderName name : new HttpHeaderName[]{RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS}) {
            String millis = headers.getValue(name);
            if (millis != null) {
                try {
                    return Optional.of(Duration.ofMillis(Long.parseLong(millis.strip())));
                } catch (NumberFormatException notMillis) {
                    // Like the SDK: look at the next header.
                }
            }
        }
        String retryAfter = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
