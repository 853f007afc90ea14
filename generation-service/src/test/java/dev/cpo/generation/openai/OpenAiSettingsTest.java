package dev.cpo.generation.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.generation.openai.OpenAiSettings.Mode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature";

    private static OpenAiSettings settings(Mode mode, String endpoint, String deployment, Optional<String> key,
            Optional<String> token) {
        return new OpenAiSettings(mode, endpoint, deployment, null, key, token, null, 3, null, 0.7, 800);
    }

    @Test
    void appliesDefaultsAndNormalisesTheEndpoint() {
        OpenAiSettings settings = settings(Mode.AZURE, " https://my-resource.openai.azure.com/ ", " gpt-4o-mini ",
                Optional.of(KEY), Optional.empty());

        assertThat(settings.endpoint()).isEqualTo("https://my-resource.openai.azure.com");
        assertThat(settings.deployment()).isEqualTo("gpt-4o-mini");
        assertThat(settings.apiVersion()).isEqualTo("2024-10-21");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetryWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.provider()).isEqualTo("azure-openai");
        assertThat(settings.authentication()).isEqualTo("api-key");
    }

    @Test
    void factoriesCarryTheDocumentedDefaults() {
        OpenAiSettings azure = OpenAiSettings.azureWithKey("https://r.openai.azure.com", "gpt-4o", KEY);
        assertThat(azure.maxAttempts()).isEqualTo(3);
        assertThat(azure.temperature()).isEqualTo(0.7);
        assertThat(azure.maxOutputTokens()).isEqualTo(800);
        assertThat(azure.apiKey()).contains(KEY);

        OpenAiSettings entra = OpenAiSettings.azureWithEntraToken("https://r.openai.azure.com", "gpt-4o", TOKEN);
        assertThat(entra.authentication()).isEqualTo("entra-token");

        OpenAiSettings local = OpenAiSettings.openAi("http://localhost:11434/v1", "llama3.1:8b", Optional.empty());
        assertThat(local.provider()).isEqualTo("openai");
        assertThat(local.authentication()).isEqualTo("none");
        assertThat(local.withMaxAttempts(1).withTimeout(Duration.ofSeconds(2)).maxAttempts()).isEqualTo(1);
    }

    @Test
    void blankSecretsCountAsAbsent() {
        OpenAiSettings settings = settings(Mode.AZURE, "https://r.openai.azure.com", "gpt-4o", Optional.of("  "),
                Optional.of(TOKEN));
        assertThat(settings.apiKey()).isEmpty();
        assertThat(settings.authentication()).isEqualTo("entra-token");
    }

    @Test
    void azureNeedsAKeyOrAToken() {
        assertThatThrownBy(() -> settings(Mode.AZURE, "https://r.openai.azure.com", "gpt-4o", Optional.empty(),
                Optional.of(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api key or a Microsoft Entra ID token");
    }

    @Test
    void openAiModeNeedsNoKeyButRejectsAnEntraToken() {
        assertThat(settings(Mode.OPENAI, "http://localhost:11434/v1", "llama3.1:8b", Optional.empty(),
                Optional.empty()).apiKey()).isEmpty();
        assertThatThrownBy(() -> settings(Mode.OPENAI, "https://api.openai.com/v1", "gpt-4o", Optional.empty(),
                Optional.of(TOKEN))).hasMessageContaining("only used in AZURE mode");
    }

    @Test
    void rejectsEndpointsThatAreNotHttpUrls() {
        for (String bad : new String[]{"", "my-resource.openai.azure.com", "ftp://host/v1", "https://",
                "https://host/v1?x=1", "http://user:pass@host/v1"}) {
            assertThatThrownBy(() -> settings(Mode.OPENAI, bad, "gpt-4o", Optional.empty(), Optional.empty()))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pass"));
        }
        assertThatThrownBy(() -> settings(Mode.AZURE, "https://r.openai.azure.com/openai", "gpt-4o",
                Optional.of(KEY), Optional.empty())).hasMessageContaining("without /openai");
    }

    @Test
    void rejectsBadDeploymentsVersionsAndLimits() {
        assertThatThrownBy(() -> settings(Mode.AZURE, "https://r.openai.azure.com", "gpt 4o/x", Optional.of(KEY),
                Optional.empty())).hasMessageContaining("deployment name");
        assertThatThrownBy(() -> settings(Mode.OPENAI, "https://api.openai.com/v1", " ", Optional.empty(),
                Optional.empty())).hasMessageContaining("model name is required");
        OpenAiSettings ok = OpenAiSettings.azureWithKey("https://r.openai.azure.com", "gpt-4o", KEY);
        assertThat(ok.withApiVersion("2025-03-01-preview").apiVersion()).isEqualTo("2025-03-01-preview");
        assertThatThrownBy(() -> ok.withApiVersion("latest")).hasMessageContaining("api-version");
        assertThatThrownBy(() -> ok.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> ok.withMaxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> ok.withMaxAttempts(11)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> ok.withMaxRetryWait(Duration.ofSeconds(-1))).hasMessageContaining("maxRetryWait");
        assertThatThrownBy(() -> ok.withTemperature(2.5)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ok.withTemperature(Double.NaN)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ok.withMaxOutputTokens(0)).hasMessageContaining("maxOutputTokens");
    }

    @Test
    void rejectsSecretsThatWouldBreakAHeaderWithoutShowingThem() {
        assertThatThrownBy(() -> OpenAiSettings.azureWithKey("https://r.openai.azure.com", "gpt-4o",
                "abc\ndef-secret")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("def-secret"));
    }

    @Test
    void toStringMasksTheKeyAndTheToken() {
        String withKey = OpenAiSettings.azureWithKey("https://r.openai.azure.com", "gpt-4o", KEY).toString();
        String withToken = OpenAiSettings.azureWithEntraToken("https://r.openai.azure.com", "gpt-4o", TOKEN)
                .toString();

        assertThat(withKey).contains("apiKey=****", "entraToken=<none>", "deployment=gpt-4o",
                "endpoint=https://r.openai.azure.com").doesNotContain(KEY).doesNotContain(KEY.substring(0, 6));
        assertThat(withToken).contains("apiKey=<none>", "entraToken=****").doesNotContain(TOKEN)
                .doesNotContain("eyJ0");
    }
}
