package dev.cpo.launcher;

import dev.cpo.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each stage has got, read from the broker without consuming anything: the records on every topic (end
 * offsets; the pipeline's topics are written once per input) and what the consumer groups have committed.
 */
public final class StageCounts implements AutoCloseable {

    /** The measurement side of experiment-service. */
    public static final String MEASUREMENT_GROUP = "experiment-service-measurement";
    /** The engagement simulator. */
    public static final String SIMULATOR_GROUP = "engagement-simulator";

    private final Admin admin;
    private final int partitions;

    /**
     * @param bootstrapServers the broker
     * @param partitions partitions of every topic
     */
    public StageCounts(String bootstrapServers, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(props);
        this.partitions = partitions;
    }

    /**
     * One reading.
     *
     * @param records records per topic
     * @param measured engagement and assignments committed by the measurement side
     * @param simulated assignments committed by the simulator
     */
    public record Snapshot(Map<String, Long> records, long measuredEngagement, long measuredAssignments,
            long simulated) {

        /**
         * @param topic a topic
         * @return its records
         */
        public long of(String topic) {
            return records.getOrDefault(topic, 0L);
        }

        /** @return customers that left the segmentation stage (segments out or dead-lettered) */
        public long segmented() {
            return of(Topics.SEGMENTS) + of(Topics.dlq(Topics.CUSTOMERS));
        }

        /** @return customers that left retrieval */
        public long retrieved() {
            return of(Topics.CONTENT) + of(Topics.dlq(Topics.SEGMENTS));
        }

        /** @return customers that left generation */
        public long generated() {
            return of(Topics.VARIANTS) + of(Topics.dlq(Topics.CONTENT));
        }

        /** @return customers that left safety */
        public long screened() {
            return of(Topics.SCREENED) + of(Topics.dlq(Topics.VARIANTS));
        }

        /** @return customers assigned, skipped or dead-lettered by the experiment */
        public long decided() {
            return of(Topics.ASSIGNMENTS) + of(Topics.ASSIGNMENT_SKIPS) + of(Topics.dlq(Topics.SCREENED));
        }

        /** @return dead-lettered records over all dead-letter topics */
        public long deadLettered() {
            long total = 0;
            for (Map.Entry<String, Long> e : records.entrySet()) {
                if (e.getKey().endsWith(Topics.DLQ_SUFFIX)) {
                    total += e.getValue();
                }
            }
            return total;
        }

        /**
         * @param customers customers published
         * @return whether every customer left segmentation and every later stage has caught up with the one before
         *         (a stage may publish more than it was given: segmentation re-publishes customers whose segment
         *         changed when it trains a model), every assignment was handled by the simulator, and every
         *         assignment and engagement event was measured
         */
        public boolean complete(long customers) {
            return of(Topics.SEGMENTS) + of(Topics.dlq(Topics.CUSTOMERS)) >= customers
                    && retrieved() >= of(Topics.SEGMENTS) && generated() >= of(Topics.CONTENT)
                    && screened() >= of(Topics.VARIANTS) && decided() >= of(Topics.SCREENED)
                    && simulated >= of(Topics.ASSIGNMENTS) && measuredAssignments >= of(Topics.ASSIGNMENTS)
                    && measuredEngagement >= of(Topics.ENGAGEMENT);
        }
    }

    /**
     * @param topics the topics to count
     * @return a reading
     */
    public Snapshot read(Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<String, Long> records = new HashMap<>();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(5, TimeUnit.SECONDS);
            ends.forEach((tp, info) -> records.merge(tp.topic(), info.offset(), Long::sum));
            Map<TopicPartition, OffsetAndMetadata> measured = committed(MEASUREMENT_GROUP,
                    List.of(Topics.ENGAGEMENT, Topics.ASSIGNMENTS));
            Map<TopicPartition, OffsetAndMetadata> simulated = committed(SIMULATOR_GROUP,
                    List.of(Topics.ASSIGNMENTS));
            return new Snapshot(records, sum(measured, Topics.ENGAGEMENT), sum(measured, Topics.ASSIGNMENTS),
                    sum(simulated, Topics.ASSIGNMENTS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitionsOf = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                partitionsOf.add(new TopicPartition(topic, p));
            }
        }
        ListConsumerGroupOffsetsSpec spec = new ListConsumerGroupOffsetsSpec().topicPartitions(partitionsOf);
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(group, spec))
                .partitionsToOffsetAndMetadata(group).get(5, TimeUnit.SECONDS);
        return offsets == null ? Map.of() : offsets;
    }

    private static long sum(Map<TopicPartition, OffsetAndMetadata> offsets, String topic) {
        long total = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                total += e.getValue().offset();
            }
        }
        return total;
    }

    @Override
    public void close() {
        admin.close();
    }
}
