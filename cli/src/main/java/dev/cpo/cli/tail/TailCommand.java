package dev.cpo.cli.tail;

import dev.cpo.cli.ExitCodes;
import dev.cpo.cli.KafkaOptions;
import dev.cpo.cli.console.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tail}: prints a topic's records for ops. Every partition is assigned manually (no consumer group, no
 * committed offsets), so tailing never disturbs a service. Ctrl-C ends cleanly.
 */
@Command(name = "tail", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print a topic's records: partition, offset, key, timestamp, then the JSON value indented.",
                "Dead-lettered records (-dlq topics) show their dead-letter-reason and origin first.",
                "No consumer group: nothing is committed. Ctrl-C ends."})
public final class TailCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(250);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. customers or customers-dlq.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record (default: only new records).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when no record arrived for DURATION, e.g. 10s (default: run until Ctrl-C).")
    Duration idleTimeout;

    @Option(names = "--raw", description = "Print values compact, one line each.")
    boolean raw;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordFormatter formatter = new RecordFormatter(raw);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "cpo-cli-tail",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    stopped.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cpo-tail-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return tail(consumer, formatter, out, err);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down (Ctrl-C): the hook waits for us
                }
            }
        } catch (KafkaException e) {
            err.println("cannot tail " + topic + " at " + kafka.bootstrapServers() + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } finally {
            out.flush();
            stopped.countDown();
        }
    }

    private int tail(KafkaConsumer<byte[], byte[]> consumer, RecordFormatter formatter, PrintWriter out,
            PrintWriter err) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic);
        } catch (WakeupException e) {
            return ExitCodes.OK;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("cannot reach Kafka at " + kafka.bootstrapServers() + " (no metadata for " + topic + ")");
            return ExitCodes.UNAVAILABLE;
        }
        if (partitions == null || partitions.isEmpty()) {
            err.println("no topic " + topic + " at " + kafka.bootstrapServers());
            return ExitCodes.BAD_INPUT;
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assigned);
        if (fromBeginning) {
            consumer.seekToBeginning(assigned);
        } else {
            consumer.seekToEnd(assigned);
        }
        err.println("tailing " + topic + " (" + assigned.size() + " partition(s), "
                + (fromBeginning ? "from the beginning" : "new records only") + "); Ctrl-C to stop");
        err.flush();
        long printed = 0;
        long idleSince = System.nanoTime();
        try {
            while (max == null || printed < max) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (idleTimeout != null && System.nanoTime() - idleSince >= idleTimeout.toNanos()) {
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.print(formatter.format(record));
                    printed++;
                    if (max != null && printed >= max) {
                        break;
                    }
                }
                out.flush();
            }
        } catch (WakeupException e) {
            // Ctrl-C
        }
        out.flush();
        err.println(printed + " record(s)");
        err.flush();
        return ExitCodes.OK;
    }
}
