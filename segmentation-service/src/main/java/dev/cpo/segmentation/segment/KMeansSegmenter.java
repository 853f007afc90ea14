package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts a customer into the cluster of the nearest centroid of a {@link KMeansModel}, without retraining: strategy
 * {@value #STRATEGY}, segment id and label from the cluster, model version from the model. Assignment allocates
 * nothing. Immutable and thread-safe.
 */
public final class KMeansSegmenter implements SegmentAssigner {

    /** The strategy name carried on every segment this assigner produces. */
    public static final String STRATEGY = "kmeans";

    private final KMeansModel model;
    private final List<Segment> segments;
    private final Segment[] byCluster;

    /** @param model the trained or rebuilt model */
    public KMeansSegmenter(KMeansModel model) {
        this.model = Objects.requireNonNull(model, "model");
        List<Segment> all = new ArrayList<>(model.k());
        for (int i = 0; i < model.k(); i++) {
            all.add(new Segment(model.ids().get(i), model.labels().get(i), STRATEGY, model.version()));
        }
        this.segments = List.copyOf(all);
        this.byCluster = all.toArray(new Segment[0]);
    }

    @Override
    public Segment assign(SegmentFeatures features) {
        return byCluster[model.nearestCluster(features)];
    }

    /** @return the model this segmenter assigns with */
    public KMeansModel model() {
        return model;
    }

    /** @return every segment this segmenter can assign, by cluster index */
    public List<Segment> segments() {
        return segments;
    }
}
