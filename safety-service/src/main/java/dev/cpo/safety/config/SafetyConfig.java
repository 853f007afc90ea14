package dev.cpo.safety.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The safety service's settings ({@code cpo.safety.*}; environment: {@code CPO_SAFETY_*}). */
@ConfigMapping(prefix = "cpo.safety")
public interface SafetyConfig {

    /** @return {@code local} (default: lexicon and patterns, no network) or {@code azure-content-safety} */
    @WithDefault("local")
    String provider();

    /** @return the policy */
    Policy policy();

    /**
     * @return custom blocklists for the local screener: id to comma-separated terms and phrases, e.g.
     *         {@code cpo.safety.blocklists.banned-claims=guaranteed returns,risk-free}
     */
    Map<String, List<String>> blocklists();

    /** @return the verdict cache */
    Cache cache();

    /** @return Azure AI Content Safety */
    Azure azure();

    /** Thresholds and version. */
    interface Policy {

        /** @return the declared version, recorded (with a hash of the settings) on every verdict */
        @WithDefault("1")
        String version();

        /** @return blocking severity of hate (0-7 scale) */
        @WithDefault("4")
        int hate();

        /** @return blocking severity of self-harm */
        @WithName("self-harm")
        @WithDefault("4")
        int selfHarm();

        /** @return blocking severity of sexual content */
        @WithDefault("4")
        int sexual();

        /** @return blocking severity of violence */
        @WithDefault("4")
        int violence();
    }

    /** The verdict cache. */
    interface Cache {

        /** @return verdicts kept in memory (PostgreSQL keeps all) */
        @WithDefault("100000")
        int memoryEntries();

        /** @return how long new variants are held after the screener failed, before it is tried again */
        @WithDefault("PT10S")
        Duration failureCoolDown();
    }

    /** Azure AI Content Safety. */
    interface Azure {

        /** @return the resource endpoint, https */
        Optional<String> endpoint();

        /** @return the key (a secret); without one, Entra ID (DefaultAzureCredential) */
        Optional<String> apiKey();

        /** @return blocklists defined in the Azure resource, by name */
        Optional<List<String>> blocklistNames();

        /** @return how long one screening may take, retries included */
        @WithDefault("PT10S")
        Duration timeout();

        /** @return retries on 429, 5xx and timeouts */
        @WithDefault("3")
        int maxRetries();

        /** @return the longest wait between retries; a longer Retry-After fails at once */
        @WithDefault("PT4S")
        Duration retryDelayCap();
    }
}
