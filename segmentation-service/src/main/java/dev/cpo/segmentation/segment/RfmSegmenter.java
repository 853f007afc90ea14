package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts a customer into one of the {@link RfmSegment RFM segments} by the scores of an {@link RfmModel}: strategy
 * {@value #STRATEGY}, model version = the model's version. The rule table is evaluated once, at construction, into a
 * lookup of all 125 score combinations, so assignment allocates nothing. Immutable and thread-safe.
 */
public final class RfmSegmenter implements SegmentAssigner {

    /** The strategy name carried on every segment this assigner produces. */
    public static final String STRATEGY = "rfm";

    private final RfmModel model;
    private final Segment[] byRfm = new Segment[125];
    private final List<Segment> segments;

    /** @param model the fitted or rebuilt boundaries */
    public RfmSegmenter(RfmModel model) {
        this.model = Objects.requireNonNull(model, "model");
        Segment[] byName = new Segment[RfmSegment.values().length];
        List<Segment> all = new ArrayList<>();
        for (RfmSegment s : RfmSegment.values()) {
            byName[s.ordinal()] = new Segment(s.id(), s.label(), STRATEGY, model.version());
            all.add(byName[s.ordinal()]);
        }
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    byRfm[index(r, f, m)] = byName[RfmSegment.of(r, f, m).ordinal()];
                }
            }
        }
        this.segments = List.copyOf(all);
    }

    @Override
    public Segment assign(SegmentFeatures features) {
        Integer recency = features.recencyDays();
        int r = model.recencyScore(recency);
        int f = model.frequencyScore(features.frequency(), recency != null);
        int m = model.monetaryScore(features.monetary().doubleValue());
        return byRfm[index(r, f, m)];
    }

    private static int index(int r, int f, int m) {
        return (r - 1) * 25 + (f - 1) * 5 + (m - 1);
    }

    /** @return the model this segmenter scores with */
    public RfmModel model() {
        return model;
    }

    /** @return every segment this segmenter can assign, in rule-table order */
    public List<Segment> segments() {
        return segments;
    }
}
