package dev.cpo.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordFormatterTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, String key, String value,
            RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 2, 41, 1740808800000L, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : utf8(key), value == null ? null : utf8(value), headers, Optional.empty());
    }

    @Test
    void printsPositionKeyTimestampAndIndentedJson() {
        String text = new RecordFormatter(false).format(record("customers", "C-1", "{\"a\":1,\"b\":[true]}",
                new RecordHeaders()));

        assertThat(text).startsWith("customers[2]@41 key=C-1 ts=2025-03-01T06:00:00Z\n")
                .contains("{\n  \"a\" : 1,").doesNotContain("DEAD LETTER");
        assertThat(new RecordFormatter(true).format(record("customers", "C-1", "{\"a\":1}", new RecordHeaders())))
                .endsWith("\n{\"a\":1}\n");
    }

    @Test
    void deadLettersShowTheirReasonAndOriginFirst() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", utf8("00-abc-def-01"));
        headers.add("dead-letter-reason", utf8("missing required field 'consent'"));
        headers.add("dead-letter-topic", utf8("customers"));
        headers.add("dead-letter-partition", utf8("0"));
        headers.add("dead-letter-offset", utf8("17"));

        String text = new RecordFormatter(false).format(record("customers-dlq", "C-1", "not json", headers));

        assertThat(text).contains("  !! DEAD LETTER: missing required field 'consent'\n")
                .contains("  !! from customers[0]@17\n")
                .contains("  headers: traceparent=00-abc-def-01\n")
                .contains("(not JSON) not json");
        assertThat(new RecordFormatter(false).format(record("customers-dlq", null, null, new RecordHeaders())))
                .contains("key=(none)").contains("(no dead-letter-reason header)").contains("(null value)");
    }
}
