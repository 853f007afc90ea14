package dev.cpo.segmentation.segment;

import static dev.cpo.segmentation.segment.TestFeatures.neverPurchased;
import static dev.cpo.segmentation.segment.TestFeatures.rfm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmSegmenterTest {

    private final RfmModel model = RfmModel.of("rfm-2026.01", List.of(30.0, 90.0, 180.0, 365.0),
            List.of(1.0, 2.0, 3.0, 5.0), List.of(20.0, 50.0, 100.0, 250.0));
    private final RfmSegmenter segmenter = new RfmSegmenter(model);

    @Test
    void segmentCarriesIdLabelStrategyAndModelVersion() {
        Segment champion = segmenter.assign(rfm(10, 8, 900.0));

        assertThat(champion).isEqualTo(new Segment("rfm-champions", "Champions", "rfm", "rfm-2026.01"));
    }

    @Test
    void scoresFromTheModelPickTheRuleTableRow() {
        assertThat(segmenter.assign(rfm(10, 1, 15.0)).label()).isEqualTo("New");
        assertThat(segmenter.assign(rfm(60, 3, 60.0)).label()).isEqualTo("Potential Loyalists");
        assertThat(segmenter.assign(rfm(400, 6, 300.0)).label()).isEqualTo("At Risk");
        assertThat(segmenter.assign(rfm(200, 1, 30.0)).label()).isEqualTo("Hibernating");
        assertThat(segmenter.assign(rfm(500, 2, 30.0)).label()).isEqualTo("Lost");
    }

    @Test
    void neverPurchasedCustomerIsLost() {
        assertThat(segmenter.assign(neverPurchased()).id()).isEqualTo("rfm-lost");
    }

    @Test
    void sameSegmentIsTheSameInstanceSoAssignmentAllocatesNothing() {
        assertThat(segmenter.assign(rfm(10, 8, 900.0))).isSameAs(segmenter.assign(rfm(5, 9, 1000.0)));
    }

    @Test
    void listsAllSevenSegmentsInRuleTableOrder() {
        assertThat(segmenter.segments()).extracting(Segment::label).containsExactly("Champions", "Loyal", "New",
                "Potential Loyalists", "At Risk", "Hibernating", "Lost");
        assertThat(segmenter.segments()).allSatisfy(s -> assertThat(s.modelVersion()).isEqualTo("rfm-2026.01"));
    }
}
