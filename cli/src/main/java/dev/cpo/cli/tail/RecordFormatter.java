package dev.cpo.cli.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cpo.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Formats a record for ops: a header line {@code topic[partition]@offset key=... ts=...}, the dead-letter headers
 * (reason, origin topic, partition, offset) prominently for a dead-lettered record, other headers compactly, then the
 * value: JSON indented (or compact when raw), anything else as text.
 */
public final class RecordFormatter {

    /** Header names of a dead-lettered record (as kafka-edge and SmallRye write them). */
    static final String DLQ_TOPIC = "dead-letter-topic";
    static final String DLQ_PARTITION = "dead-letter-partition";
    static final String DLQ_OFFSET = "dead-letter-offset";
    private static final List<String> DLQ_HEADERS = List.of(Topics.DEAD_LETTER_REASON_HEADER, DLQ_TOPIC,
            DLQ_PARTITION, DLQ_OFFSET);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HEADER_VALUE = 200;

    private final boolean raw;

    /** @param raw print JSON compact, on one line */
    public RecordFormatter(boolean raw) {
        this.raw = raw;
    }

    /**
     * @param record a record with raw bytes
     * @return its text, ending with a line break
     */
    public String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        text.append(record.topic()).append('[').append(record.partition()).append("]@").append(record.offset())
                .append(" key=").append(record.key() == null ? "(none)" : text(record.key()));
        if (record.timestamp() >= 0) {
            text.append(" ts=").append(Instant.ofEpochMilli(record.timestamp()));
        }
        text.append('\n');

        boolean deadLetter = record.topic().endsWith(Topics.DLQ_SUFFIX)
                || record.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER) != null;
        if (deadLetter) {
            Header reason = record.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER);
            text.append("  !! DEAD LETTER: ").append(reason == null
                    ? "(no dead-letter-reason header)"
                    : text(reason.value())).append('\n');
            String origin = origin(record);
            if (origin != null) {
                text.append("  !! from ").append(origin).append('\n');
            }
        }
        List<String> others = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!(deadLetter && DLQ_HEADERS.contains(header.key()))) {
                others.add(header.key() + "=" + abbreviate(header.value() == null ? "" : text(header.value())));
            }
        }
        if (!others.isEmpty()) {
            text.append("  headers: ").append(String.join(", ", others)).append('\n');
        }
        text.append(value(record.value())).append('\n');
        return text.toString();
    }

    private String origin(ConsumerRecord<byte[], byte[]> record) {
        Header topic = record.headers().lastHeader(DLQ_TOPIC);
        Header partition = record.headers().lastHeader(DLQ_PARTITION);
        Header offset = record.headers().lastHeader(DLQ_OFFSET);
        if (topic == null && partition == null && offset == null) {
            return null;
        }
        return (topic == null ? "?" : text(topic.value())) + "[" + (partition == null ? "?" : number(partition.value()))
                + "]@" + (offset == null ? "?" : number(offset.value()));
    }

    private String value(byte[] value) {
        if (value == null) {
            return "(null value)";
        }
        String text = text(value);
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && (node.isObject() || node.isArray())) {
                return raw
                        ? JSON.writeValueAsString(node)
                        : JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
            }
        } catch (JsonProcessingException e) {
            // not JSON: shown as text
        } catch (java.io.IOException e) {
            // same
        }
        return "(not JSON) " + text;
    }

    /** Header numbers are written as text by kafka-edge; SmallRye may write binary ints and longs. */
    private static String number(byte[] bytes) {
        String text = text(bytes);
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return text;
        }
        if (bytes.length == Integer.BYTES) {
            return Integer.toString(ByteBuffer.wrap(bytes).getInt());
        }
        if (bytes.length == Long.BYTES) {
            return Long.toString(ByteBuffer.wrap(bytes).getLong());
        }
        return text;
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "(" + bytes.length + " binary bytes)";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_HEADER_VALUE ? text.substring(0, MAX_HEADER_VALUE) + "..." : text;
    }
}
