package dev.cpo.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.EventCodec;
import dev.cpo.events.Topics;
import dev.cpo.events.Variant;
import dev.cpo.events.VariantsEvent;
import dev.cpo.generation.TestContent;
import dev.cpo.generation.generate.GenerationMeter;
import dev.cpo.generation.generate.PriceTable;
import dev.cpo.generation.generate.VariantSetComposer;
import dev.cpo.generation.generate.VariantValidator;
import dev.cpo.generation.local.LocalGroundedGenerator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VariantsEventSerializerTest {

    private final VariantsEventSerializer serializer = new VariantsEventSerializer();
    private final VariantSetComposer composer = new VariantSetComposer(new LocalGroundedGenerator(),
            new VariantValidator(), PriceTable.FREE, "v1-test", GenerationMeter.NONE);

    @Test
    void writesExactlyWhatTheContractCodecWrites() {
        List<Variant> champions = composer.compose(TestContent.CHAMPIONS, TestContent.CHAMPION_CONTENT);
        List<Variant> atRisk = composer.compose(TestContent.AT_RISK, TestContent.AT_RISK_CONTENT);
        List<Variant> none = composer.compose(TestContent.AT_RISK, List.of());
        for (int customer = 0; customer < 3; customer++) {
            for (VariantsEvent event : List.of(event(TestContent.CHAMPION_CONTENT, champions),
                    event(TestContent.AT_RISK_CONTENT, atRisk), event(List.of(), none))) {
                byte[] bytes = serializer.serialize(Topics.VARIANTS, event);
                assertThat(new String(bytes)).isEqualTo(new String(EventCodec.encode(event)));
                assertThat(EventCodec.decode(bytes, VariantsEvent.class)).isEqualTo(event);
            }
        }
        assertThat(serializer.serialize(Topics.VARIANTS, null)).isNull();
    }

    @Test
    void anotherListWithOtherContentIsEncodedAnew() {
        List<Variant> champions = composer.compose(TestContent.CHAMPIONS, TestContent.CHAMPION_CONTENT);
        serializer.serialize(Topics.VARIANTS, event(TestContent.CHAMPION_CONTENT, champions));
        List<Variant> fewer = List.copyOf(champions.subList(0, 1));
        VariantsEvent event = event(TestContent.CHAMPION_CONTENT.subList(0, 1), fewer);
        assertThat(EventCodec.decode(serializer.serialize(Topics.VARIANTS, event), VariantsEvent.class))
                .isEqualTo(event);
    }

    private static VariantsEvent event(List<dev.cpo.events.Snippet> snippets, List<Variant> variants) {
        return new VariantsEvent(UUID.randomUUID(), VariantsEvent.SCHEMA_VERSION, Instant.now(),
                "c-" + UUID.randomUUID(), UUID.randomUUID(), TestContent.CHAMPIONS, TestContent.FEATURES, snippets,
                variants);
    }
}
