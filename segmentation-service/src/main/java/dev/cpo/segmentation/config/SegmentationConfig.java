package dev.cpo.segmentation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the segmentation service, under {@code cpo.segmentation}. */
@ConfigMapping(prefix = "cpo.segmentation")
public interface SegmentationConfig {

    /** @return the lifecycle rules' thresholds */
    Lifecycle lifecycle();

    /** Thresholds of the lifecycle strategy. */
    interface Lifecycle {

        /** @return days without activity after which a customer is dormant */
        @WithDefault("3")
        int dormantAfterDays();

        /** @return account age in days under which a customer is new */
        @WithDefault("1")
        int newForDays();
    }
}
