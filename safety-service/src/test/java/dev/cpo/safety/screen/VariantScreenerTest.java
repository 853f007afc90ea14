package dev.cpo.safety.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.Decision;
import dev.cpo.events.GenerationMetadata;
import dev.cpo.events.HarmCategory;
import dev.cpo.events.Segment;
import dev.cpo.events.Tone;
import dev.cpo.events.Variant;
import dev.cpo.events.Verdict;
import dev.cpo.safety.policy.ScreeningPolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VariantScreenerTest {

    private static final Segment SEGMENT = new Segment("rfm-champions", "Champions", "rfm", "rfm-test");

    private final FakeScreener screener = new FakeScreener();
    private final MapStore store = new MapStore();
    private final AtomicLong now = new AtomicLong();
    private final ScreeningPolicy policy = new ScreeningPolicy("1", Map.of(), "fake");

    private VariantScreener variantScreener() {
        return new VariantScreener(screener, policy, store, 100, Duration.ofSeconds(10), Clock.systemUTC(),
                now::get);
    }

    @Test
    void eachVariantIsScreenedOnceAndItsDecisionRecordedOnce() {
        VariantScreener screening = variantScreener();
        Variant variant = variant("var-1", "Our jackets are back in stock.");

        VariantScreener.Screening first = screening.screen(SEGMENT, variant);
        assertThat(first.screened().verdict().decision()).isEqualTo(Decision.PASS);
        assertThat(first.decided()).hasValueSatisfying(record -> {
            assertThat(record.variantId()).isEqualTo("var-1");
            assertThat(record.segmentId()).isEqualTo("rfm-champions");
            assertThat(record.tone()).isEqualTo(Tone.URGENT);
        });
        for (int customer = 0; customer < 100; customer++) {
            assertThat(screening.screen(SEGMENT, variant).decided()).isEmpty();
        }
        assertThat(screener.calls).isEqualTo(1);
        assertThat(store.records).hasSize(1);

        VariantScreener restarted = variantScreener();
        assertThat(restarted.screen(SEGMENT, variant).screened().verdict()).isEqualTo(first.screened().verdict());
        assertThat(screener.calls).as("read back from the store").isEqualTo(1);
    }

    @Test
    void newWordsUnderAKnownVariantIdAreScreenedAgain() {
        VariantScreener screening = variantScreener();
        assertThat(screening.screen(SEGMENT, variant("var-9", "Our jackets are back.")).screened().verdict()
                .decision()).isEqualTo(Decision.PASS);
        screener.violence = 6;

        VariantScreener.Screening rewritten = screening.screen(SEGMENT, variant("var-9", "A rewritten threat."));

        assertThat(rewritten.screened().verdict().decision()).as("a regenerated text never inherits a pass")
                .isEqualTo(Decision.BLOCK);
        assertThat(screener.calls).isEqualTo(2);
        assertThat(store.records).extracting(AuditRecord::variantId).containsExactly("var-9", "var-9");
        assertThat(store.records.get(0).textHash()).isNotEqualTo(store.records.get(1).textHash());
    }

    @Test
    void harmfulTextIsBlocked() {
        screener.violence = 6;
        VariantScreener.Screening screening = variantScreener().screen(SEGMENT, variant("var-2", "threat"));
        assertThat(screening.screened().verdict().decision()).isEqualTo(Decision.BLOCK);
        assertThat(screening.screened().verdict().severities()).containsEntry(HarmCategory.VIOLENCE, 6);
    }

    @Test
    void anInvalidVariantIsBlockedWithoutCallingTheScreener() {
        Variant invalid = new Variant("var-3", Tone.FRIENDLY, "", "", List.of(), metadata(), false,
                "no-sources: nothing approved");
        VariantScreener.Screening screening = variantScreener().screen(SEGMENT, invalid);
        assertThat(screening.screened().verdict().decision()).isEqualTo(Decision.BLOCK);
        assertThat(screener.calls).isZero();
        assertThat(store.records).hasSize(1);
    }

    @Test
    void whenTheScreenerIsDownNothingPassesAndNewVariantsFailFast() {
        VariantScreener screening = variantScreener();
        Variant decided = variant("var-4", "Fine copy.");
        screening.screen(SEGMENT, decided);
        screener.down = true;

        assertThatThrownBy(() -> screening.screen(SEGMENT, variant("var-5", "New copy.")))
                .isInstanceOf(ScreeningUnavailableException.class).hasMessageContaining("HTTP 503");
        int calls = screener.calls;
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThatThrownBy(() -> screening.screen(SEGMENT, variant("var-6", "Other copy.")))
                .isInstanceOf(ScreeningUnavailableException.class).hasMessageContaining("moments ago");
        assertThat(screener.calls).isEqualTo(calls);
        assertThat(screening.screen(SEGMENT, decided).screened().verdict().decision())
                .as("decided before the outage").isEqualTo(Decision.PASS);
        assertThat(store.records).extracting(AuditRecord::variantId).containsExactly("var-4");

        screener.down = false;
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(screening.screen(SEGMENT, variant("var-6", "Other copy.")).screened().verdict().decision())
                .isEqualTo(Decision.PASS);
    }

    @Test
    void anIncompleteAnalysisIsNeverAPass() {
        screener.incomplete = true;
        assertThatThrownBy(() -> variantScreener().screen(SEGMENT, variant("var-7", "Copy.")))
                .isInstanceOf(ScreeningUnavailableException.class).hasMessageContaining("incomplete");
        assertThat(store.records).isEmpty();
    }

    @Test
    void theScreenedTextIsTheSubjectAndTheBody() {
        variantScreener().screen(SEGMENT, variant("var-8", "Body text [1]."));
        assertThat(screener.texts).containsExactly("Subject line\n\nBody text [1].");
    }

    private static Variant variant(String id, String body) {
        return new Variant(id, Tone.URGENT, "Subject line", body, List.of(), metadata(), true, null);
    }

    private static GenerationMetadata metadata() {
        return new GenerationMetadata("local", "grounded-composer-1", "v1-test", 0, 0, BigDecimal.ZERO, 0);
    }

    private static final class FakeScreener implements TextScreener {

        int calls;
        int violence;
        boolean down;
        boolean incomplete;
        final List<String> texts = new ArrayList<>();

        @Override
        public String provider() {
            return "fake";
        }

        @Override
        public ScreenResult screen(String text) {
            calls++;
            texts.add(text);
            if (down) {
                throw new ScreeningUnavailableException("HTTP 503 after 3 attempts", null);
            }
            Map<HarmCategory, Integer> severities = new HashMap<>(Map.of(HarmCategory.HATE, 0,
                    HarmCategory.SEXUAL, 0, HarmCategory.VIOLENCE, violence));
            if (!incomplete) {
                severities.put(HarmCategory.SELF_HARM, 0);
            }
            return new ScreenResult(severities, List.of());
        }
    }

    private static final class MapStore implements VerdictStore {

        final List<AuditRecord> records = new ArrayList<>();
        private final Map<String, Verdict> verdicts = new HashMap<>();

        @Override
        public Optional<Verdict> find(String variantId, String textHash, String policyVersion) {
            return Optional.ofNullable(verdicts.get(variantId + "|" + textHash + "|" + policyVersion));
        }

        @Override
        public Verdict record(AuditRecord record) {
            String key = record.variantId() + "|" + record.textHash() + "|" + record.verdict().policyVersion();
            Verdict existing = verdicts.putIfAbsent(key, record.verdict());
            if (existing != null) {
                return existing;
            }
            records.add(record);
            return record.verdict();
        }
    }
}
