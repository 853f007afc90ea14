package dev.cpo.generation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The generation service's settings ({@code cpo.generation.*}; environment: {@code CPO_GENERATION_*}). */
@ConfigMapping(prefix = "cpo.generation")
public interface GenerationConfig {

    /** @return {@code local} (default, no network), {@code azure-openai} or {@code openai} (any compatible server) */
    @WithDefault("local")
    String provider();

    /** @return a directory of prompt templates to use instead of the ones in the jar */
    Optional<Path> promptsDir();

    /** @return the variant-set cache */
    Cache cache();

    /** @return the provider's prices */
    Price price();

    /** @return the OpenAI-compatible provider */
    OpenAi openai();

    /** The variant-set cache. */
    interface Cache {

        /** @return how many variant sets the memory layer keeps (PostgreSQL keeps all) */
        @WithDefault("10000")
        int memoryEntries();

        /** @return how long a set whose generation failed fails fast before it is tried again */
        @WithDefault("PT30S")
        Duration failureCoolDown();
    }

    /** Prices per 1,000 tokens in USD, for the cost on every variant and the cost counters. */
    interface Price {

        /** @return price of 1,000 prompt tokens */
        @WithName("input-per-1k")
        @WithDefault("0")
        BigDecimal inputPer1k();

        /** @return price of 1,000 completion tokens */
        @WithName("output-per-1k")
        @WithDefault("0")
        BigDecimal outputPer1k();
    }

    /** Azure OpenAI, or any OpenAI-compatible server ({@code provider=openai}). */
    interface OpenAi {

        /** @return Azure: the resource endpoint, e.g. https://my-resource.openai.azure.com; openai: the base URL */
        Optional<String> endpoint();

        /** @return Azure: the deployment name; openai: the model name */
        Optional<String> deployment();

        /** @return Azure's api-version */
        @WithDefault("2024-10-21")
        String apiVersion();

        /** @return the API key (a secret: set it from the environment) */
        Optional<String> apiKey();

        /** @return a Microsoft Entra ID bearer token, used when there is no API key (a secret) */
        Optional<String> entraToken();

        /** @return how long one call may take */
        @WithDefault("PT10S")
        Duration timeout();

        /** @return attempts per variant on 429, 5xx and timeouts, the first included */
        @WithDefault("3")
        int maxAttempts();

        /** @return the longest wait between attempts, a Retry-After included */
        @WithDefault("PT30S")
        Duration maxRetryWait();

        /** @return sampling temperature */
        @WithDefault("0.7")
        double temperature();

        /** @return the most tokens a reply may have */
        @WithDefault("800")
        int maxOutputTokens();
    }
}
