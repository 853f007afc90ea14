package dev.cpo.segmentation.config;

import dev.cpo.segmentation.segment.FeatureExtractor;
import dev.cpo.segmentation.segment.LifecycleSegmenter;
import dev.cpo.segmentation.segment.SegmentAssigner;
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
    SegmentAssigner segmentAssigner(SegmentationConfig config) {
        return new LifecycleSegmenter(config.lifecycle().dormantAfterDays(), config.lifecycle().newForDays());
    }
}
