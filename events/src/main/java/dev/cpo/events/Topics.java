package dev.cpo.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names of the pipeline's Kafka topics, their dead-letter topics and the event type each carries.
 *
 * <p>Every record on every topic is keyed by the customer id. A record that cannot be processed is copied, with its
 * original bytes, to {@code <topic>-dlq} with a {@value #DEAD_LETTER_REASON_HEADER} header.
 */
public final class Topics {

    /** CRM customer snapshots: {@link CustomerEvent}. */
    public static final String CUSTOMERS = "customers";
    /** Segment assignments: {@link SegmentEvent}. */
    public static final String SEGMENTS = "segments";
    /** Retrieved grounding content: {@link ContentEvent}. */
    public static final String CONTENT = "content";
    /** Generated message variants: {@link VariantsEvent}. */
    public static final String VARIANTS = "variants";
    /** Safety-screened variants: {@link ScreenedEvent}. */
    public static final String SCREENED = "screened";
    /** Experiment arm assignments: {@link AssignmentEvent}. */
    public static final String ASSIGNMENTS = "assignments";
    /** Delivery and engagement outcomes: {@link EngagementEvent}. */
    public static final String ENGAGEMENT = "engagement";

    /**
     * For ops, not a pipeline stage's input: every screening decision of safety-service (once per variant and policy),
     * keyed by variant id. See events/README.md.
     */
    public static final String SAFETY_AUDIT = "safety-audit";

    /**
     * For ops: customers the experiment service did not contact (no consent, frequency cap, inactive, no running
     * experiment), one JSON record per screened event skipped, keyed by customer id. See events/README.md.
     */
    public static final String ASSIGNMENT_SKIPS = "assignment-skips";

    /**
     * For ops: snapshots of every experiment's metrics (the JSON of {@code GET /experiments/{id}/metrics}), periodic
     * and on demand, keyed by experiment id. See events/README.md.
     */
    public static final String EXPERIMENT_METRICS = "experiment-metrics";

    /** The three topics for ops, not for a stage: {@link #SAFETY_AUDIT}, {@link #ASSIGNMENT_SKIPS}, {@link #EXPERIMENT_METRICS}. */
    public static final List<String> OPS = List.of(SAFETY_AUDIT, ASSIGNMENT_SKIPS, EXPERIMENT_METRICS);

    /** Suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = "-dlq";

    /** Header on a dead-letter record: a short, human readable reason (UTF-8), never personal data. */
    public static final String DEAD_LETTER_REASON_HEADER = "dead-letter-reason";

    /** The seven pipeline topics, in pipeline order. */
    public static final List<String> PIPELINE = List.of(CUSTOMERS, SEGMENTS, CONTENT, VARIANTS, SCREENED,
            ASSIGNMENTS, ENGAGEMENT);

    private static final Map<String, Class<? extends CpoEvent>> EVENT_TYPES = Map.of(
            CUSTOMERS, CustomerEvent.class,
            SEGMENTS, SegmentEvent.class,
            CONTENT, ContentEvent.class,
            VARIANTS, VariantsEvent.class,
            SCREENED, ScreenedEvent.class,
            ASSIGNMENTS, AssignmentEvent.class,
            ENGAGEMENT, EngagementEvent.class);

    private Topics() {
    }

    /**
     * The dead-letter topic of a topic.
     *
     * @param topic a topic name, not blank
     * @return {@code topic + "-dlq"}
     */
    public static String dlq(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DLQ_SUFFIX;
    }

    /**
     * The seven pipeline topics followed by their seven dead-letter topics, e.g. to create them all at start-up.
     *
     * @return an immutable list of 14 topic names
     */
    public static List<String> allWithDeadLetters() {
        List<String> all = new ArrayList<>(PIPELINE);
        PIPELINE.forEach(topic -> all.add(dlq(topic)));
        return List.copyOf(all);
    }

    /**
     * Every topic the pipeline uses, e.g. to create them all: {@link #allWithDeadLetters()} then {@link #OPS}.
     *
     * @return an immutable list of 17 topic names
     */
    public static List<String> allTopics() {
        List<String> all = new ArrayList<>(allWithDeadLetters());
        all.addAll(OPS);
        return List.copyOf(all);
    }

    /**
     * The event type carried by a pipeline topic.
     *
     * @param topic one of {@link #PIPELINE}
     * @return the record class published to that topic
     * @throws IllegalArgumentException if the topic is not a pipeline topic
     */
    public static Class<? extends CpoEvent> eventType(String topic) {
        Class<? extends CpoEvent> type = EVENT_TYPES.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("not a pipeline topic: " + topic);
        }
        return type;
    }
}
