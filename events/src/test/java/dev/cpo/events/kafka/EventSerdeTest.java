package dev.cpo.events.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cpo.events.AssignmentEvent;
import dev.cpo.events.ContentEvent;
import dev.cpo.events.CpoEvent;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.Samples;
import dev.cpo.events.ScreenedEvent;
import dev.cpo.events.SegmentEvent;
import dev.cpo.events.Topics;
import dev.cpo.events.VariantsEvent;

class EventSerdeTest {

    private static final Map<Class<?>, String> PREFIX = Map.of(CustomerEvent.class, "Customer",
            SegmentEvent.class, "Segment", ContentEvent.class, "Content", VariantsEvent.class, "Variants",
            ScreenedEvent.class, "Screened", AssignmentEvent.class, "Assignment", EngagementEvent.class,
            "Engagement");

    static Stream<Arguments> topics() {
        return Topics.PIPELINE.stream().map(Arguments::of);
    }

    private static CpoEvent sample(String topic) {
        return Samples.all().stream().filter(s -> s.topic().equals(topic)).findFirst().orElseThrow().event();
    }

    @SuppressWarnings("unchecked")
    private static <T> T instantiate(String simpleName, Class<T> iface) throws Exception {
        // exactly what Kafka does with a class name from configuration
        Object o = Utils.newInstance(Class.forName("dev.cpo.events.kafka." + simpleName));
        assertThat(o).isInstanceOf(iface);
        return (T) o;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    @SuppressWarnings("unchecked")
    void namedSerdeClassesRoundTripTheirTopicsEventThroughKafkasInterfaces(String topic) throws Exception {
        String prefix = PREFIX.get(Topics.eventType(topic));
        Serializer<CpoEvent> serializer = instantiate(prefix + "EventSerializer", Serializer.class);
        Deserializer<CpoEvent> deserializer = instantiate(prefix + "EventDeserializer", Deserializer.class);
        serializer.configure(Map.of(), false);
        deserializer.configure(Map.of(), false);
        CpoEvent event = sample(topic);

        byte[] bytes = serializer.serialize(topic, new RecordHeaders(), event);
        CpoEvent back = deserializer.deserialize(topic, new RecordHeaders(), bytes);

        assertThat(bytes).isEqualTo(EventCodec.encode(event));
        assertThat(back).isEqualTo(event).isInstanceOf(Topics.eventType(topic));
        assertThat(((EventDeserializer<?>) deserializer).type()).isEqualTo(Topics.eventType(topic));
        serializer.close();
        deserializer.close();
    }

    @Test
    void badBytesSurfaceAsSerializationExceptionWrappingTheReason() {
        Deserializer<CustomerEvent> deserializer = new CustomerEventDeserializer();
        byte[] bad = "{\"eventId\":\"0b9f3c1e-6a57-4d0c-9a43-3f1f0f6a2d11\",\"schemaVersion\":1}".getBytes(UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize("customers", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessage("invalid CustomerEvent on topic 'customers': missing required field 'occurredAt'")
                .cause().isInstanceOf(InvalidEventException.class);
    }

    @Test
    void aNullValueIsNotAnEventAndIsRejected() {
        assertThatThrownBy(() -> new SegmentEventDeserializer().deserialize("segments", null))
                .isInstanceOf(SerializationException.class).hasMessageEndingWith("empty payload");
    }

    @Test
    void theSerializerKeepsTombstonesNullAndTheGenericOneWritesAnyEvent() {
        assertThat(new CustomerEventSerializer().serialize("customers", null)).isNull();
        assertThat(new EventSerializer<>().serialize("engagement", sample(Topics.ENGAGEMENT)))
                .isEqualTo(EventCodec.encode(sample(Topics.ENGAGEMENT)));
    }

    @Test
    void theDeadLetterReasonIsFoundThroughAnyWrapping() {
        Throwable failure = null;
        try {
            new ScreenedEventDeserializer().deserialize("screened", "[]".getBytes(UTF_8));
        } catch (SerializationException e) {
            failure = new RuntimeException("consumer failed", e);
        }
        assertThat(EventDeserializer.reasonOf(failure)).isEqualTo("payload must be a JSON object");
        assertThat(EventDeserializer.reasonOf(new IllegalStateException("x"))).isEqualTo("IllegalStateException");
    }
}
