package dev.cpo.safety.config;

import dev.cpo.events.HarmCategory;
import dev.cpo.safety.azure.AzureContentSafetyScreener;
import dev.cpo.safety.azure.AzureContentSafetySettings;
import dev.cpo.safety.local.Blocklist;
import dev.cpo.safety.local.Lexicon;
import dev.cpo.safety.local.LocalScreener;
import dev.cpo.safety.persistence.JdbcVerdictStore;
import dev.cpo.safety.policy.ScreeningPolicy;
import dev.cpo.safety.screen.TextScreener;
import dev.cpo.safety.screen.VariantScreener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** Wires the framework-free core from configuration: the screener, the policy and the variant screener. */
@ApplicationScoped
public class SafetyBeans {

    private static final Logger LOG = Logger.getLogger(SafetyBeans.class);

    @Produces
    @ApplicationScoped
    VariantScreener variantScreener(SafetyConfig config, JdbcVerdictStore store, Vertx vertx,
            MeterRegistry registry) {
        String provider = config.provider().trim().toLowerCase(Locale.ROOT);
        TextScreener screener;
        String configuration;
        if ("local".equals(provider)) {
            List<Blocklist> blocklists = new ArrayList<>();
            new TreeMap<>(config.blocklists()).forEach((id, entries) -> blocklists.add(new Blocklist(id, entries)));
            screener = new LocalScreener(Lexicon.fromClasspath(), blocklists);
            configuration = "local|" + Lexicon.classpathFingerprint() + "|" + blocklists;
        } else if ("azure-content-safety".equals(provider)) {
            SafetyConfig.Azure azure = config.azure();
            AzureContentSafetySettings settings = new AzureContentSafetySettings(
                    URI.create(azure.endpoint().orElseThrow(() -> new IllegalStateException(
                            "set CPO_SAFETY_AZURE_ENDPOINT for provider azure-content-safety"))),
                    azure.apiKey(), azure.blocklistNames().orElse(List.of()), azure.timeout(), azure.maxRetries(),
                    azure.retryDelayCap());
            screener = new AzureContentSafetyScreener(settings, vertx);
            configuration = "azure|" + settings.endpoint() + "|" + settings.blocklistNames();
        } else {
            throw new IllegalStateException(
                    "cpo.safety.provider must be local or azure-content-safety; it is " + config.provider());
        }
        Map<HarmCategory, Integer> thresholds = new EnumMap<>(HarmCategory.class);
        thresholds.put(HarmCategory.HATE, config.policy().hate());
        thresholds.put(HarmCategory.SELF_HARM, config.policy().selfHarm());
        thresholds.put(HarmCategory.SEXUAL, config.policy().sexual());
        thresholds.put(HarmCategory.VIOLENCE, config.policy().violence());
        ScreeningPolicy policy = new ScreeningPolicy(config.policy().version(), thresholds, configuration);
        VariantScreener variantScreener = new VariantScreener(screener, policy, store,
                config.cache().memoryEntries(), config.cache().failureCoolDown(), Clock.systemUTC(),
                System::nanoTime);
        FunctionCounter.builder("cpo.safety.screenings", variantScreener, VariantScreener::screenings)
                .description("Texts sent to the screener").tag("provider", screener.provider()).register(registry);
        FunctionCounter.builder("cpo.safety.verdict.cache.hits", variantScreener, VariantScreener::cacheHits)
                .description("Verdicts served from memory or the audit trail").register(registry);
        LOG.infof("Variants are screened by %s under %s (thresholds %s)", screener.provider(), policy.version(),
                thresholds);
        return variantScreener;
    }
}
