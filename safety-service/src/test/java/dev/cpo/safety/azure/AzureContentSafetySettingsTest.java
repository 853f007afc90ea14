package dev.cpo.safety.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AzureContentSafetySettingsTest {

    private static final URI ENDPOINT = URI.create("https://cpo-safety.cognitiveservices.azure.com");

    @Test
    void defaultsAreBounded() {
        AzureContentSafetySettings settings = AzureContentSafetySettings.of(ENDPOINT, "secret-key",
                List.of("banned-claims"));

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.retryDelayCap()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.usesApiKey()).isTrue();
        assertThat(settings.apiKey()).contains("secret-key");
        assertThat(settings.blocklistNames()).containsExactly("banned-claims");
    }

    @Test
    void nullDurationsMeanTheDefaults() {
        AzureContentSafetySettings settings = new AzureContentSafetySettings(ENDPOINT, Optional.empty(), null, null,
                0, null);

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.retryDelayCap()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.blocklistNames()).isEmpty();
    }

    @Test
    void toStringNeverShowsTheKey() {
        AzureContentSafetySettings settings = AzureContentSafetySettings.of(ENDPOINT, "secret-key", List.of());

        assertThat(settings.toString()).doesNotContain("secret-key").contains("apiKey=***");
        assertThat(AzureContentSafetySettings.of(ENDPOINT, null, List.of()).toString()).contains("Entra ID");
    }

    @Test
    void blankOrMissingKeyMeansEntraId() {
        assertThat(AzureContentSafetySettings.of(ENDPOINT, "  ", List.of()).usesApiKey()).isFalse();
        assertThat(new AzureContentSafetySettings(ENDPOINT, null, List.of(), null, 3, null).usesApiKey()).isFalse();
        assertThat(AzureContentSafetySettings.of(ENDPOINT, " key ", List.of()).apiKey()).contains("key");
    }

    @Test
    void endpointTrailingSlashesAreDropped() {
        assertThat(AzureContentSafetySettings.of(URI.create("https://cpo-safety.cognitiveservices.azure.com//"),
                "k", List.of()).endpoint()).isEqualTo(ENDPOINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cpo-safety.cognitiveservices.azure.com", "cpo-safety.cognitiveservices.azure.com",
            "https:///nohost", "https://cpo-safety.cognitiveservices.azure.com/?a=b",
            "https://user@cpo-safety.cognitiveservices.azure.com"})
    void onlyPlainHttpsEndpointsAreAccepted(String endpoint) {
        assertThatThrownBy(() -> AzureContentSafetySettings.of(URI.create(endpoint), "k", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void missingEndpointIsRefused() {
        assertThatThrownBy(() -> AzureContentSafetySettings.of(null, "k", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "banned claims", "banned/claims",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void invalidBlocklistNamesAreRefused(String name) {
        assertThatThrownBy(() -> AzureContentSafetySettings.of(ENDPOINT, "k", List.of(name)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocklistNames");
    }

    @Test
    void blocklistNamesAreStrippedAndDeduplicated() {
        assertThat(AzureContentSafetySettings.of(ENDPOINT, "k",
                List.of("banned-claims", " competitors ", "banned-claims", "a.b_c~1")).blocklistNames())
                .containsExactly("banned-claims", "competitors", "a.b_c~1");
        assertThatThrownBy(() -> AzureContentSafetySettings.of(ENDPOINT, "k", Arrays.asList("ok", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocklistNames");
    }

    @Test
    void durationsMustBePositiveAndRetriesBounded() {
        assertThatThrownBy(() -> new AzureContentSafetySettings(ENDPOINT, Optional.of("k"), List.of(),
                Duration.ZERO, 3, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> new AzureContentSafetySettings(ENDPOINT, Optional.of("k"), List.of(), null, 3,
                Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryDelayCap");
        assertThatThrownBy(() -> new AzureContentSafetySettings(ENDPOINT, Optional.of("k"), List.of(), null, -1,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new AzureContentSafetySettings(ENDPOINT, Optional.of("k"), List.of(), null, 11,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
    }
}
