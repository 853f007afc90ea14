package dev.cpo.generation.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cpo.events.EventCodec;
import dev.cpo.events.VariantsEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@link VariantsEvent}s exactly as {@link EventCodec#encode} does, byte for byte, but encodes the snippets
 * and the variants, which every customer of a segment shares, once per list instance instead of once per customer:
 * the variant-set cache hands the same instances to all of them. Without this, JSON encoding of the three bodies is
 * a quarter of the service's CPU on the cached path. Lists are held weakly (by identity) and the memo is bounded.
 */
public class VariantsEventSerializer implements Serializer<VariantsEvent> {

    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private static final byte[] SNIPPETS_FIELD = ",\"snippets\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VARIANTS_FIELD = ",\"variants\":".getBytes(StandardCharsets.UTF_8);

    private final Cache<List<?>, byte[]> fragments = Caffeine.newBuilder().weakKeys().maximumSize(4096).build();

    @Override
    public byte[] serialize(String topic, VariantsEvent event) {
        if (event == null) {
            return null;
        }
        byte[] snippets = fragment(event.snippets());
        byte[] variants = fragment(event.variants());
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + snippets.length + variants.length);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            // The object is closed below, after the shared fragments, not by the generator.
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            json.writeStartObject();
            json.writeFieldName("eventId");
            WRITER.writeValue(json, event.eventId());
            json.writeNumberField("schemaVersion", event.schemaVersion());
            json.writeFieldName("occurredAt");
            WRITER.writeValue(json, event.occurredAt());
            json.writeStringField("customerId", event.customerId());
            json.writeFieldName("causationId");
            WRITER.writeValue(json, event.causationId());
            json.writeFieldName("segment");
            WRITER.writeValue(json, event.segment());
            json.writeFieldName("features");
            WRITER.writeValue(json, event.features());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a variants event", e);
        }
        out.writeBytes(SNIPPETS_FIELD);
        out.writeBytes(snippets);
        out.writeBytes(VARIANTS_FIELD);
        out.writeBytes(variants);
        out.write('}');
        return out.toByteArray();
    }

    private byte[] fragment(List<?> list) {
        return fragments.get(list, l -> {
            try {
                return WRITER.writeValueAsBytes(l);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode a variants event", e);
            }
        });
    }
}
