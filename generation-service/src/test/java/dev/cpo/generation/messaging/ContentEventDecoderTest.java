package dev.cpo.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cpo.events.ContentEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidEventException;
import dev.cpo.events.Snippet;
import dev.cpo.generation.TestContent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContentEventDecoderTest {

    private final ContentEventDecoder decoder = new ContentEventDecoder(100);

    @Test
    void decodesExactlyAsTheContractCodecAndSharesRepeatedSnippetLists() {
        for (List<Snippet> snippets : List.of(TestContent.CHAMPION_CONTENT, TestContent.AT_RISK_CONTENT,
                List.<Snippet>of())) {
            ContentEvent first = decoder.decode(EventCodec.encode(event(snippets)));
            for (int customer = 0; customer < 3; customer++) {
                byte[] bytes = EventCodec.encode(event(snippets));
                ContentEvent decoded = decoder.decode(bytes);
                assertThat(decoded).isEqualTo(EventCodec.decode(bytes, ContentEvent.class));
                assertThat(decoded.snippets()).isSameAs(first.snippets());
            }
        }
    }

    @Test
    void aKnownSnippetListDoesNotExcuseABadEnvelope() {
        decoder.decode(EventCodec.encode(event(TestContent.CHAMPION_CONTENT)));
        String json = new String(EventCodec.encode(event(TestContent.CHAMPION_CONTENT)), StandardCharsets.UTF_8);
        for (String broken : List.of(json.replaceFirst("\"customerId\":\"[^\"]*\",", ""),
                json.replaceFirst("\"segment\":\\{[^}]*\\},", ""),
                json.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""),
                json.replaceFirst("\\{", "{\"snippets\":[],"), json + "x",
                json.replace("\"features\":{", "\"features\":{{"))) {
            byte[] bytes = broken.getBytes(StandardCharsets.UTF_8);
            InvalidEventException expected = catchThrowableOfType(InvalidEventException.class,
                    () -> EventCodec.decode(bytes, ContentEvent.class));
            assertThat(expected).as(broken).isNotNull();
            assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOf(InvalidEventException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    @Test
    void badSnippetsAreRejectedAsAlways() {
        String json = new String(EventCodec.encode(event(TestContent.CHAMPION_CONTENT)), StandardCharsets.UTF_8);
        for (String broken : List.of(json.replace("\"score\":0.92", "\"score\":1.5"),
                json.replace("\"snippets\":[", "\"snippets\":{\"a\":[").replace("]}]", "]}]}"),
                json.replace("\"snippets\":[", "\"snippets\":\"["))) {
            byte[] bytes = broken.getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOf(InvalidEventException.class);
            }
        }
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(InvalidEventException.class);
    }

    private static ContentEvent event(List<Snippet> snippets) {
        return new ContentEvent(UUID.randomUUID(), ContentEvent.SCHEMA_VERSION, Instant.now(),
                "c-" + UUID.randomUUID(), UUID.randomUUID(), TestContent.CHAMPIONS, TestContent.FEATURES,
                "corpus-test", "lucene", "test query", snippets);
    }
}
