package dev.cpo.experiment.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.ArmKind;
import dev.cpo.events.Segment;
import dev.cpo.experiment.assignment.AllocationStrategy;
import dev.cpo.experiment.assignment.Arm;
import dev.cpo.experiment.assignment.ExperimentDesign;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HillstromSegmentsTest {

    @Test
    void slugs() {
        assertThat(HillstromSegments.slug("2) $100 - $200")).isEqualTo("2-100-200");
        assertThat(HillstromSegments.slug("6) $750 - $1,000")).isEqualTo("6-750-1-000");
        assertThat(HillstromSegments.slug("7) $1,000 +")).isEqualTo("7-1-000");
        assertThat(HillstromSegments.slug("Surburban")).isEqualTo("surburban");
        assertThat(HillstromSegments.slug("  Multi Channel!! ")).isEqualTo("multi-channel");
        assertThat(HillstromSegments.slug("$ - +")).isEmpty();
    }

    @Test
    void segmentIdAndLabel() {
        Segment segment = HillstromSegments.segment("1) $0 - $100", "Urban", "Web", true);
        assertThat(segment).isEqualTo(new Segment("history=1-0-100;zip=urban;channel=web;newbie=1",
                "$0 - $100 history, Urban, Web, new", "hillstrom", "hillstrom-2008"));
        assertThatThrownBy(() -> HillstromSegments.segment("1) $0 - $100", " ", "Web", true))
                .hasMessage("column 'zip_code' must not be empty");
    }

    @Test
    void parseSegmentIdGivesTheDimensionsInOrder() {
        Map<String, String> dimensions = HillstromSegments
                .parseSegmentId("history=2-100-200;zip=surburban;channel=phone;newbie=0");
        assertThat(dimensions).containsExactly(Map.entry("history", "2-100-200"), Map.entry("zip", "surburban"),
                Map.entry("channel", "phone"), Map.entry("newbie", "0"));
        Segment segment = HillstromSegments.segment("7) $1,000 +", "Rural", "Multichannel", false);
        assertThat(HillstromSegments.parseSegmentId(segment.id())).containsExactly(Map.entry("history", "7-1-000"),
                Map.entry("zip", "rural"), Map.entry("channel", "multichannel"), Map.entry("newbie", "0"));
    }

    @Test
    void parseSegmentIdIsEmptyForOtherIds() {
        for (String id : new String[]{null, "", "lapsed-high-value", "a=1;b", "a=1;;b=2", "a=1;b=", "=1",
                "a=1;a=2", "a=1=2", "a=1;"}) {
            assertThat(HillstromSegments.parseSegmentId(id)).as(String.valueOf(id)).isEmpty();
        }
        assertThat(HillstromSegments.parseSegmentId("tier=gold")).containsExactly(Map.entry("tier", "gold"));
    }

    @Test
    void theDesign() {
        ExperimentDesign design = HillstromImport.design("hillstrom-2008");
        assertThat(design.experimentId()).isEqualTo("hillstrom-2008");
        assertThat(design.arms()).containsExactly(Arm.control("no-email", 1), Arm.untonedTreatment("mens-email", 1),
                Arm.untonedTreatment("womens-email", 1));
        assertThat(design.control().kind()).isEqualTo(ArmKind.CONTROL);
        assertThat(design.seed()).isZero();
        assertThat(design.strategy()).isEqualTo(AllocationStrategy.SALTED_HASH);
    }
}
