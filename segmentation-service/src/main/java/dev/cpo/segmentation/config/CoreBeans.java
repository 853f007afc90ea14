package dev.cpo.segmentation.config;

import dev.cpo.segmentation.segment.FeatureExtractor;
import dev.cpo.segmentation.segment.LifecycleSegmenter;
import dev.cpo.segmentation.service.ActiveSegmenter;
import dev.cpo.segmentation.validation.CustomerEventRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Wires the framework-free domain core into CDI. */
@ApplicationScoped
public class CoreBeans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    FeatureExtractor featureExtractor() {
        return new FeatureExtractor();
    }

    @Produces
    @ApplicationScoped
    ActiveSegmenter activeSegmenter(SegmentationConfig config) {
        return new ActiveSegmenter(
                new LifecycleSegmenter(config.lifecycle().dormantAfterDays(), config.lifecycle().newForDays()));
    }

    @Produces
    @ApplicationScoped
    CustomerEventRules customerEventRules(SegmentationConfig config) {
        return new CustomerEventRules(config.intake().maxPayloadBytes(), config.intake().allowedClockSkew());
    }
}
