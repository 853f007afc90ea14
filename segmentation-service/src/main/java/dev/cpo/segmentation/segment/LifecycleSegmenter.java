package dev.cpo.segmentation.segment;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;

/**
 * The rules of an engagement decision engine: a customer with no activity for {@code dormantAfterDays} or more is
 * {@code dormant}; otherwise one whose account is younger than {@code newForDays} is {@code new}; everyone else is
 * {@code normal}. A customer with no known activity date counts as dormant only when the account is old enough to
 * have shown some.
 */
public final class LifecycleSegmenter implements SegmentAssigner {

    /** The strategy name carried on every segment this assigner produces. */
    public static final String STRATEGY = "lifecycle";

    private final int dormantAfterDays;
    private final int newForDays;
    private final String modelVersion;
    private final Segment dormantSegment;
    private final Segment newSegment;
    private final Segment normalSegment;

    /**
     * @param dormantAfterDays days without activity after which a customer is dormant (at least 1)
     * @param newForDays age in days under which an account is new (at least 1)
     */
    public LifecycleSegmenter(int dormantAfterDays, int newForDays) {
        if (dormantAfterDays < 1 || newForDays < 1) {
            throw new IllegalArgumentException("lifecycle thresholds must be at least one day");
        }
        this.dormantAfterDays = dormantAfterDays;
        this.newForDays = newForDays;
        this.modelVersion = "lifecycle-v1-d" + dormantAfterDays + "-n" + newForDays;
        this.dormantSegment = new Segment("lifecycle-dormant", "Dormant", STRATEGY, modelVersion);
        this.newSegment = new Segment("lifecycle-new", "New", STRATEGY, modelVersion);
        this.normalSegment = new Segment("lifecycle-normal", "Normal", STRATEGY, modelVersion);
    }

    @Override
    public Segment assign(SegmentFeatures features) {
        Integer inactiveDays = features.daysSinceLastActivity();
        Integer accountAge = features.accountAgeDays();
        boolean young = accountAge != null && accountAge < newForDays;
        boolean dormant;
        if (inactiveDays != null) {
            dormant = inactiveDays >= dormantAfterDays;
        } else {
            // No activity ever recorded: dormant once the account is old enough to have shown some.
            dormant = !young && accountAge != null && accountAge >= dormantAfterDays;
        }
        if (dormant) {
            return dormantSegment;
        }
        return young ? newSegment : normalSegment;
    }

    /** @return the version of these rules, with their thresholds */
    public String modelVersion() {
        return modelVersion;
    }
}
