package dev.cpo.segmentation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the segmentation service, under {@code cpo.segmentation}. */
@ConfigMapping(prefix = "cpo.segmentation")
public interface SegmentationConfig {

    /** The ways to segment customers. */
    enum Strategy {
        /** RFM quintile scores mapped to named segments by a rule table. */
        RFM,
        /** k-means++ clusters of log-scaled, standardized R/F/M, labelled from their centroids. */
        KMEANS,
        /** Dormant, new and normal customers by activity and account age. */
        LIFECYCLE
    }

    /** @return the strategy that decides segments */
    @WithDefault("rfm")
    Strategy strategy();

    /**
     * @return how many stored customers a model-based strategy waits for before training its first model; until then
     *         customers get lifecycle segments
     */
    @WithDefault("50")
    int minCustomersForModel();

    /** @return k-means settings */
    KMeans kmeans();

    /** @return when models are retrained */
    Recompute recompute();

    /** @return the lifecycle rules' thresholds */
    Lifecycle lifecycle();

    /** @return what the service accepts from the CRM */
    Intake intake();

    /** Thresholds of the lifecycle strategy. */
    interface Lifecycle {

        /** @return days without activity after which a customer is dormant */
        @WithDefault("3")
        int dormantAfterDays();

        /** @return account age in days under which a customer is new */
        @WithDefault("1")
        int newForDays();
    }

    /** Settings of the k-means strategy. */
    interface KMeans {

        /** @return a fixed number of clusters; when absent, k is chosen by silhouette in [min-k, max-k] */
        java.util.OptionalInt k();

        /** @return the smallest k tried */
        @WithDefault("3")
        int minK();

        /** @return the largest k tried */
        @WithDefault("7")
        int maxK();

        /** @return the seed that makes training reproducible */
        @WithDefault("42")
        long seed();
    }

    /** The retraining schedule. */
    interface Recompute {

        /** @return how often models are retrained and customers rescored ({@code off} to disable) */
        @WithDefault("1h")
        String every();
    }

    /** Limits on incoming customer records. */
    interface Intake {

        /** @return the largest record value accepted, in bytes */
        @WithDefault("65536")
        int maxPayloadBytes();

        /** @return how far in the future a date may lie (clock skew between the CRM and us) */
        @WithDefault("PT5M")
        Duration allowedClockSkew();
    }
}
