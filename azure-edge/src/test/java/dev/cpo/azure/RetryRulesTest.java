package dev.cpo.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryRulesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T06:00:00Z");

    @Test
    void retryAfterIsReadAsTheSdkReadsIt() {
        assertThat(RetryRules.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "7"), NOW))
                .contains(Duration.ofSeconds(7));
        assertThat(RetryRules.retryAfter(new HttpHeaders().set(HttpHeaderName.fromString("retry-after-ms"), "250")
                .set(HttpHeaderName.RETRY_AFTER, "7"), NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryRules.retryAfter(
                new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "Sat, 01 Mar 2025 06:00:30 GMT"), NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryRules.retryAfter(new HttpHeaders(), NOW)).isEmpty();
    }

    @Test
    void onlyTransientStatusesAreRetried() {
        assertThat(RetryRules.retryableStatus(429)).isTrue();
        assertThat(RetryRules.retryableStatus(503)).isTrue();
        assertThat(RetryRules.retryableStatus(408)).isTrue();
        assertThat(RetryRules.retryableStatus(400)).isFalse();
        assertThat(RetryRules.retryableStatus(403)).isFalse();
        assertThat(RetryRules.retryableStatus(501)).isFalse();
    }
}
