package dev.cpo.retrieval.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.search.documents.SearchServiceVersion;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AzureSearchSettingsTest {

    private static final URI ENDPOINT = URI.create("https://cpo.search.windows.net");

    @Test
    void defaultsAreBoundedAndUseTheNewestApiVersion() {
        AzureSearchSettings settings = AzureSearchSettings.of(ENDPOINT, "cpo-content", "secret-key");

        assertThat(settings.semanticConfiguration()).isEqualTo("cpo-semantic");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.retryDelayCap()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.serviceVersion()).isEqualTo(SearchServiceVersion.getLatest());
        assertThat(settings.usesApiKey()).isTrue();
    }

    @Test
    void toStringNeverShowsTheKey() {
        assertThat(AzureSearchSettings.of(ENDPOINT, "cpo-content", "secret-key").toString())
                .doesNotContain("secret-key").contains("apiKey=***");
        assertThat(AzureSearchSettings.of(ENDPOINT, "cpo-content", null).toString()).contains("Entra ID");
    }

    @Test
    void blankKeyMeansEntraId() {
        assertThat(AzureSearchSettings.of(ENDPOINT, "cpo-content", "  ").usesApiKey()).isFalse();
    }

    @Test
    void plainHttpEndpointIsRefused() {
        assertThatThrownBy(() -> AzureSearchSettings.of(URI.create("http://cpo.search.windows.net"), "cpo-content",
                "k")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CPO", "a", "-cpo", "cpo-", "cpo--content", "cpo_content"})
    void invalidIndexNamesAreRefused(String indexName) {
        assertThatThrownBy(() -> AzureSearchSettings.of(ENDPOINT, indexName, "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("indexName");
    }

    @Test
    void apiVersionMustBeOneTheSdkSpeaks() {
        AzureSearchSettings pinned = new AzureSearchSettings(ENDPOINT, "cpo-content", "k", null,
                Duration.ofSeconds(5), 3, Duration.ofSeconds(4), Duration.ofSeconds(60), "2024-07-01");
        assertThat(pinned.serviceVersion()).isEqualTo(SearchServiceVersion.V2024_07_01);

        assertThatThrownBy(() -> new AzureSearchSettings(ENDPOINT, "cpo-content", "k", null, Duration.ofSeconds(5), 3,
                Duration.ofSeconds(4), Duration.ofSeconds(60), "2019-05-06")).isInstanceOf(
                        IllegalArgumentException.class)
                .hasMessageContaining("2025-09-01");
    }
}
