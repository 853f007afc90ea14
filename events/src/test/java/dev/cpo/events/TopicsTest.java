package dev.cpo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void pipelineListsTheSevenTopicsInOrder() {
        assertThat(Topics.PIPELINE).containsExactly("customers", "segments", "content", "variants", "screened",
                "assignments", "engagement");
        assertThatThrownBy(() -> Topics.PIPELINE.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void deadLetterTopicIsTheTopicWithADlqSuffix() {
        assertThat(Topics.dlq(Topics.CUSTOMERS)).isEqualTo("customers-dlq");
        assertThat(Topics.dlq("engagement")).isEqualTo("engagement-dlq");
        assertThatThrownBy(() -> Topics.dlq(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allWithDeadLettersIsTheSevenTopicsThenTheirSevenDeadLetterTopics() {
        assertThat(Topics.allWithDeadLetters()).hasSize(14).doesNotHaveDuplicates()
                .startsWith("customers", "segments", "content", "variants", "screened", "assignments",
                        "engagement")
                .endsWith("customers-dlq", "segments-dlq", "content-dlq", "variants-dlq", "screened-dlq",
                        "assignments-dlq", "engagement-dlq");
    }

    @Test
    void allTopicsAddsTheThreeOpsTopics() {
        assertThat(Topics.allTopics()).hasSize(17).doesNotHaveDuplicates()
                .startsWith(Topics.allWithDeadLetters().toArray(String[]::new))
                .endsWith("safety-audit", "assignment-skips", "experiment-metrics");
    }

    @Test
    void eachTopicMapsToTheEventTypeItCarries() {
        assertThat(Topics.eventType(Topics.CUSTOMERS)).isEqualTo(CustomerEvent.class);
        assertThat(Topics.eventType(Topics.SEGMENTS)).isEqualTo(SegmentEvent.class);
        assertThat(Topics.eventType(Topics.CONTENT)).isEqualTo(ContentEvent.class);
        assertThat(Topics.eventType(Topics.VARIANTS)).isEqualTo(VariantsEvent.class);
        assertThat(Topics.eventType(Topics.SCREENED)).isEqualTo(ScreenedEvent.class);
        assertThat(Topics.eventType(Topics.ASSIGNMENTS)).isEqualTo(AssignmentEvent.class);
        assertThat(Topics.eventType(Topics.ENGAGEMENT)).isEqualTo(EngagementEvent.class);
        assertThatThrownBy(() -> Topics.eventType("customers-dlq")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterReasonHeaderHasItsAgreedName() {
        assertThat(Topics.DEAD_LETTER_REASON_HEADER).isEqualTo("dead-letter-reason");
    }
}
