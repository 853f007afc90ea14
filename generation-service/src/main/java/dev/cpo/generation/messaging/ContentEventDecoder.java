package dev.cpo.generation.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.Snippet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes {@code content} records exactly as {@link EventCodec#decode} does, but decodes each distinct snippet list
 * only once: retrieval sends the same snippets, byte for byte, to every customer of a segment, and turning their
 * texts into strings was the largest single cost of this stage. A record whose snippets array was seen before is
 * decoded with an empty array in its place (so the envelope, the segment and the features are checked as always) and
 * gets the list decoded the first time. Every other record is decoded in full, and its array remembered. A record
 * that is not well-formed JSON, or whose snippets cannot be located, is decoded in full, so its rejection reads the
 * same.
 */
final class ContentEventDecoder {

    private static final JsonFactory JSON = EventCodec.mapper().getFactory();
    private static final byte[] EMPTY_ARRAY = "[]".getBytes(StandardCharsets.UTF_8);

    private final Cache<ByteBuffer, List<Snippet>> snippetLists;

    ContentEventDecoder(int distinctLists) {
        this.snippetLists = Caffeine.newBuilder().maximumSize(distinctLists).build();
    }

    ContentEvent decode(byte[] json) throws InvalidEventException {
        int[] range = json == null ? null : snippetsRange(json);
        if (range == null) {
            return EventCodec.decode(json, ContentEvent.class);
        }
        ByteBuffer raw = ByteBuffer.wrap(json, range[0], range[1] - range[0]).slice();
        List<Snippet> known = snippetLists.getIfPresent(raw);
        if (known == null) {
            ContentEvent event = EventCodec.decode(json, ContentEvent.class);
            byte[] copy = new byte[range[1] - range[0]];
            System.arraycopy(json, range[0], copy, 0, copy.length);
            snippetLists.put(ByteBuffer.wrap(copy), event.snippets());
            return event;
        }
        byte[] rest = new byte[json.length - (range[1] - range[0]) + EMPTY_ARRAY.length];
        System.arraycopy(json, 0, rest, 0, range[0]);
        System.arraycopy(EMPTY_ARRAY, 0, rest, range[0], EMPTY_ARRAY.length);
        System.arraycopy(json, range[1], rest, range[0] + EMPTY_ARRAY.length, json.length - range[1]);
        ContentEvent event = EventCodec.decode(rest, ContentEvent.class);
        return new ContentEvent(event.eventId(), event.schemaVersion(), event.occurredAt(), event.customerId(),
                event.causationId(), event.segment(), event.features(), event.corpusVersion(), event.provider(),
                event.query(), known);
    }

    /** @return start (inclusive) and end (exclusive) byte offsets of the top-level snippets array, or null */
    private static int[] snippetsRange(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int[] found = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("snippets".equals(name)) {
                    if (value != JsonToken.START_ARRAY || found != null) {
                        return null;
                    }
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getByteOffset();
                    found = new int[]{start, end};
                } else {
                    parser.skipChildren();
                }
            }
            // Anything unusual (trailing content included) is left to the full decode, to be reported as always.
            return token == JsonToken.END_OBJECT && parser.nextToken() == null ? found : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
