package dev.cpo.segmentation.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfmSegmentTest {

    @ParameterizedTest(name = "R{0} F{1} M{2} is {3}")
    @CsvSource({
            "5, 5, 5, CHAMPIONS",
            "4, 4, 4, CHAMPIONS",
            "5, 5, 3, LOYAL",
            "3, 4, 1, LOYAL",
            "3, 5, 5, LOYAL",
            "5, 1, 5, NEW",
            "4, 1, 1, NEW",
            "5, 2, 1, POTENTIAL_LOYALISTS",
            "4, 3, 5, POTENTIAL_LOYALISTS",
            "3, 2, 2, POTENTIAL_LOYALISTS",
            "2, 3, 1, AT_RISK",
            "1, 5, 5, AT_RISK",
            "1, 1, 4, AT_RISK",
            "3, 1, 5, HIBERNATING",
            "2, 2, 3, HIBERNATING",
            "2, 1, 1, HIBERNATING",
            "1, 2, 3, LOST",
            "1, 1, 1, LOST"})
    void ruleTableRowsMapScoresToSegments(int r, int f, int m, RfmSegment expected) {
        assertThat(RfmSegment.of(r, f, m)).isEqualTo(expected);
    }

    @Test
    void everyScoreCombinationHasASegmentAndEverySegmentIsReachable() {
        Set<RfmSegment> reached = EnumSet.noneOf(RfmSegment.class);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    reached.add(RfmSegment.of(r, f, m));
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(RfmSegment.values());
    }

    @Test
    void idsAreThePrefixedLabelInLowerCaseWithHyphens() {
        for (RfmSegment s : RfmSegment.values()) {
            assertThat(s.id()).isEqualTo("rfm-" + s.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
    }
}
