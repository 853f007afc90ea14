package dev.cpo.generation.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.generation.generate.DraftCitation;
import dev.cpo.generation.generate.GenerationOutcome;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.generate.Usage;
import dev.cpo.generation.generate.VariantLimits;
import dev.cpo.generation.generate.VariantValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local generator on the real approved corpus: every paragraph as the best snippet, followed by 0 to 3 of the next
 * paragraphs in corpus order (so of the same and of the following documents), in every tone, for the segments of
 * every segmentation strategy (SEGMENTS.md). Plain JUnit, no Quarkus.
 */
class LocalGroundedGeneratorTest {

    private static final Path CORPUS = Path.of("../retrieval-service/src/main/resources/corpus");
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    /** The test's own sentence split of a body line: after . ! ? when a capital, digit, quote or currency follows. */
    private static final Pattern SENTENCE_END = Pattern
            .compile("(?<=[.!?][\"')\u201d\u2019]?)\\s+(?=[\\p{Lu}\\p{N}\"'(\u201c\u00a3$\u20ac])");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final List<Segment> SEGMENTS = List.of(
            new Segment("rfm-champions", "Champions", "rfm", "rfm-2026.01"),
            new Segment("rfm-loyal", "Loyal", "rfm", "rfm-2026.01"),
            new Segment("rfm-new", "New", "rfm", "rfm-2026.01"),
            new Segment("rfm-potential-loyalists", "Potential Loyalists", "rfm", "rfm-2026.01"),
            new Segment("rfm-at-risk", "At Risk", "rfm", "rfm-2026.01"),
            new Segment("rfm-hibernating", "Hibernating", "rfm", "rfm-2026.01"),
            new Segment("rfm-lost", "Lost", "rfm", "rfm-2026.01"),
            new Segment("kmeans-recent-frequent-high-value", "Recent Frequent High-Value", "kmeans", "kmeans-2026.01"),
            new Segment("kmeans-cooling-regular-high-value", "Cooling Regular High-Value", "kmeans", "kmeans-2026.01"),
            new Segment("kmeans-lapsed-occasional-low-spend", "Lapsed Occasional Low-Spend", "kmeans",
                    "kmeans-2026.01"),
            new Segment("lifecycle-dormant", "Dormant", "lifecycle", "lifecycle-v1-d90-n30"),
            new Segment("lifecycle-new", "New", "lifecycle", "lifecycle-v1-d90-n30"),
            new Segment("lifecycle-normal", "Normal", "lifecycle", "lifecycle-v1-d90-n30"));

    /** Every paragraph of the corpus, in index.json order, as a snippet. */
    private static List<Snippet> paragraphs;
    private static int documents;
    private static List<Case> combinations;

    private final LocalGroundedGenerator generator = new LocalGroundedGenerator();
    private final VariantValidator validator = new VariantValidator();

    @BeforeAll
    static void loadCorpus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Snippet> all = new ArrayList<>();
        JsonNode index = json.readTree(CORPUS.resolve("index.json").toFile());
        int count = 0;
        for (JsonNode file : index.get("documents")) {
            JsonNode document = json.readTree(Files.readString(CORPUS.resolve(file.asText())));
            JsonNode texts = document.get("paragraphs");
            for (int p = 0; p < texts.size(); p++) {
                all.add(new Snippet(document.get("id").asText(), document.get("title").asText(), p,
                        texts.get(p).asText(), 1.0, file.asText()));
            }
            count++;
        }
        paragraphs = List.copyOf(all);
        documents = count;
    }

    /** One generated variant and what it was generated from. */
    private record Case(GenerationRequest request, GenerationOutcome.Draft draft) {

        String describe() {
            StringBuilder out = new StringBuilder("segment=").append(request.segment().id()).append(" tone=")
                    .append(request.tone()).append(" snippets=[");
            for (int i = 0; i < request.snippets().size(); i++) {
                Snippet s = request.snippets().get(i);
                out.append(i == 0 ? "" : ", ").append(s.documentId()).append('#').append(s.paragraphIndex());
            }
            return out.append(']').toString();
        }
    }

    /**
     * @return every combination: each paragraph first, 1 to 4 snippets, every segment, every tone (the three tones of
     *         one request next to each other); generated once for all tests
     */
    private List<Case> everyCombination() {
        if (combinations == null) {
            combinations = generateEveryCombination();
        }
        return combinations;
    }

    private List<Case> generateEveryCombination() {
        List<Case> cases = new ArrayList<>();
        for (int first = 0; first < paragraphs.size(); first++) {
            for (int size = 1; size <= 4; size++) {
                List<Snippet> snippets = new ArrayList<>(size);
                for (int j = 0; j < size; j++) {
                    Snippet p = paragraphs.get((first + j) % paragraphs.size());
                    snippets.add(new Snippet(p.documentId(), p.title(), p.paragraphIndex(), p.text(), 0.9 - 0.1 * j,
                            p.source()));
                }
                for (Segment segment : SEGMENTS) {
                    for (Tone tone : Tone.values()) {
                        GenerationRequest request = GenerationRequest.first(segment, snippets, tone);
                        cases.add(new Case(request, draft(request)));
                    }
                }
            }
        }
        return List.copyOf(cases);
    }

    private GenerationOutcome.Draft draft(GenerationRequest request) {
        GenerationOutcome outcome = generator.generate(request);
        assertThat(outcome).isInstanceOf(GenerationOutcome.Draft.class);
        return (GenerationOutcome.Draft) outcome;
    }

    @Test
    void theCorpusIsTheRealOne() {
        assertThat(documents).isEqualTo(41);
        assertThat(paragraphs).hasSizeGreaterThan(80);
        assertThat(generator.provider()).isEqualTo("local");
        assertThat(generator.model()).isEqualTo("grounded-composer-1");
    }

    @Test
    void everyCombinationOfTheCorpusIsValid() {
        List<Case> cases = everyCombination();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            List<String> problems = validator.problems(c.draft(), c.request().snippets());
            if (!problems.isEmpty()) {
                failures.add(c.describe() + ": " + problems);
            }
            if (!c.draft().usage().equals(Usage.NONE)) {
                failures.add(c.describe() + ": uses tokens");
            }
        }
        assertThat(cases).hasSize(paragraphs.size() * 4 * SEGMENTS.size() * Tone.values().length);
        assertThat(failures).as("invalid drafts").isEmpty();
    }

    @Test
    void citationsListExactlyTheUsedMarkersWithTheirSnippets() {
        List<String> failures = new ArrayList<>();
        for (Case c : everyCombination()) {
            Set<Integer> used = VariantValidator.markers(c.draft().body());
            List<Integer> listed = c.draft().citations().stream().map(DraftCitation::marker).toList();
            if (!new ArrayList<>(used).equals(listed)) {
                failures.add(c.describe() + ": markers " + used + " but citations " + listed);
            }
            for (DraftCitation citation : c.draft().citations()) {
                Snippet snippet = c.request().snippets().get(citation.marker() - 1);
                if (!snippet.documentId().equals(citation.documentId())
                        || snippet.paragraphIndex() != citation.paragraphIndex()) {
                    failures.add(c.describe() + ": citation " + citation + " is not snippet " + citation.marker());
                }
            }
            if (!used.contains(1)) {
                failures.add(c.describe() + ": the best snippet is not cited");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void severalSnippetsGetCitedWhenThereAreSeveral() {
        int fourSnippetCases = 0;
        int citingSeveral = 0;
        for (Case c : everyCombination()) {
            if (c.request().snippets().size() == 4) {
                fourSnippetCases++;
                if (c.draft().citations().size() >= 3) {
                    citingSeveral++;
                }
            }
        }
        assertThat(citingSeveral).as("four-snippet drafts citing at least three").isGreaterThan(fourSnippetCases * 9
                / 10);
    }

    @Test
    void factsCiteAndCitedSentencesAreGroundedInTheirSnippet() {
        List<String> failures = new ArrayList<>();
        for (Case c : everyCombination()) {
            for (String sentence : sentences(c.draft().body())) {
                Set<Integer> markers = VariantValidator.markers(sentence);
                String text = MARKER.matcher(sentence).replaceAll("");
                if (markers.isEmpty()) {
                    if (statesNumbers(text)) {
                        failures.add(c.describe() + ": uncited sentence with a number: " + sentence);
                    }
                    continue;
                }
                if (markers.size() > 1) {
                    failures.add(c.describe() + ": several markers in one sentence: " + sentence);
                }
                int marker = markers.iterator().next();
                if (!sentence.strip().matches("(?s).* \\[\\d{1,3}][.!?]+")) {
                    failures.add(c.describe() + ": marker not at the end: " + sentence);
                }
                Set<String> source = contentWords(c.request().snippets().get(marker - 1).text());
                Set<String> own = contentWords(text);
                long shared = own.stream().filter(source::contains).count();
                if (own.isEmpty() || shared < 0.6 * own.size()) {
                    failures.add(c.describe() + ": [" + marker + "] not grounded (" + shared + "/" + own.size()
                            + "): " + sentence);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void citedSentencesAreTheSnippetsOwnSentences() {
        // Stronger than word overlap: apart from the marker, a capital first letter and (informational) "!" -> ".",
        // every cited sentence appears word for word in its snippet.
        List<String> failures = new ArrayList<>();
        for (Case c : everyCombination()) {
            for (String sentence : sentences(c.draft().body())) {
                Matcher m = MARKER.matcher(sentence);
                if (!m.find()) {
                    continue;
                }
                String source = c.request().snippets().get(Integer.parseInt(m.group(1)) - 1).text()
                        .replace('!', '.').toLowerCase(Locale.ROOT);
                String core = sentence.substring(0, m.start()).strip().replace('!', '.').toLowerCase(Locale.ROOT);
                if (!source.contains(core)) {
                    failures.add(c.describe() + ": not verbatim: " + sentence);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void sameRequestGivesTheSameDraft() {
        for (Case c : everyCombination().subList(0, 2000)) {
            GenerationOutcome.Draft again = draft(c.request());
            GenerationOutcome.Draft fresh = (GenerationOutcome.Draft) new LocalGroundedGenerator()
                    .generate(c.request().retry("ignored feedback"));
            for (GenerationOutcome.Draft other : List.of(again, fresh)) {
                assertThat(other.subject()).as(c.describe()).isEqualTo(c.draft().subject());
                assertThat(other.body()).as(c.describe()).isEqualTo(c.draft().body());
                assertThat(other.citations()).as(c.describe()).isEqualTo(c.draft().citations());
            }
        }
    }

    @Test
    void theThreeTonesReadClearlyDifferently() {
        List<String> failures = new ArrayList<>();
        List<Case> cases = everyCombination();
        for (int i = 0; i < cases.size(); i += Tone.values().length) {
            Map<Tone, Case> byTone = new EnumMap<>(Tone.class);
            for (int t = 0; t < Tone.values().length; t++) {
                byTone.put(cases.get(i + t).request().tone(), cases.get(i + t));
            }
            String where = byTone.get(Tone.URGENT).describe();
            Map<Tone, Set<String>> connective = new EnumMap<>(Tone.class);
            Map<Tone, Set<String>> connectivePhrasing = new EnumMap<>(Tone.class);
            for (Map.Entry<Tone, Case> e : byTone.entrySet()) {
                Set<String> uncited = new LinkedHashSet<>();
                for (String sentence : sentences(e.getValue().draft().body())) {
                    if (VariantValidator.markers(sentence).isEmpty()) {
                        uncited.add(sentence);
                    }
                }
                connective.put(e.getKey(), uncited);
                connectivePhrasing.put(e.getKey(), trigrams(uncited));
            }
            for (Tone a : Tone.values()) {
                for (Tone b : Tone.values()) {
                    if (a.ordinal() >= b.ordinal()) {
                        continue;
                    }
                    if (byTone.get(a).draft().body().equals(byTone.get(b).draft().body())) {
                        failures.add(where + ": " + a + " and " + b + " bodies are equal");
                    }
                    Set<String> common = new HashSet<>(connective.get(a));
                    common.retainAll(connective.get(b));
                    if (!common.isEmpty()) {
                        failures.add(where + ": " + a + " and " + b + " share connective sentences " + common);
                    }
                    double jaccard = jaccard(connectivePhrasing.get(a), connectivePhrasing.get(b));
                    if (jaccard > 0.1) {
                        failures.add(where + ": " + a + " and " + b + " connective wording overlaps " + jaccard);
                    }
                }
            }
            GenerationOutcome.Draft informational = byTone.get(Tone.INFORMATIONAL).draft();
            if (informational.body().contains("!") || informational.subject().contains("!")) {
                failures.add(where + ": informational with an exclamation mark");
            }
            if (!byTone.get(Tone.URGENT).draft().body().contains("!")) {
                failures.add(where + ": urgent without an exclamation mark");
            }
            if (!byTone.get(Tone.FRIENDLY).draft().body().toLowerCase(Locale.ROOT).matches(
                    "(?s).*(thank you|we thought you'd|we'd love|lovely|glad|warm).*")) {
                failures.add(where + ": friendly without warmth");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void differentSegmentsDoNotAllReadAlike() {
        List<Snippet> snippets = paragraphs.subList(0, 3);
        for (Tone tone : Tone.values()) {
            Set<String> openings = new HashSet<>();
            for (Segment segment : SEGMENTS) {
                String body = draft(GenerationRequest.first(segment, snippets, tone)).body();
                openings.add(body.substring(0, body.indexOf("[")));
            }
            assertThat(openings).as(tone.toString()).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aSingleShortSnippetStillGivesAFullCitedBody() {
        Snippet shortOne = new Snippet("price-promise", "Our price promise", 0,
                "If you find an identical item cheaper at another UK retailer within 14 days, we refund the difference.",
                0.8, null);
        assertThat(VariantValidator.wordCount(shortOne.text())).isBetween(15, 25);
        for (Segment segment : SEGMENTS) {
            for (Tone tone : Tone.values()) {
                GenerationOutcome.Draft draft = draft(GenerationRequest.first(segment, List.of(shortOne), tone));
                assertThat(validator.problems(draft, List.of(shortOne))).as(segment.id() + " " + tone).isEmpty();
                assertThat(VariantValidator.wordCount(draft.body())).isBetween(VariantLimits.BODY_MIN_WORDS,
                        VariantLimits.BODY_MAX_WORDS);
                assertThat(draft.body()).contains("within 14 days, we refund the difference [1].");
                assertThat(draft.citations()).containsExactly(new DraftCitation(1, "price-promise", 0));
                for (String sentence : sentences(draft.body())) {
                    if (!sentence.contains("[1]")) {
                        assertThat(statesNumbers(sentence)).as(sentence).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void aOneWordSnippetIsPaddedWithoutFacts() {
        Snippet tiny = new Snippet("doc", "", 3, "Welcome", 0.5, null);
        for (Segment segment : SEGMENTS) {
            for (Tone tone : Tone.values()) {
                GenerationOutcome.Draft draft = draft(GenerationRequest.first(segment, List.of(tiny), tone));
                assertThat(validator.problems(draft, List.of(tiny))).as(segment.id() + " " + tone).isEmpty();
                assertThat(draft.body()).contains("Welcome [1].");
                assertThat(draft.subject()).isNotBlank().doesNotContain("[");
            }
        }
    }

    @Test
    void aSentenceLongerThanTheMaximumIsCutToFit() {
        StringBuilder longSentence = new StringBuilder("Our members can choose");
        for (int i = 0; i < 60; i++) {
            longSentence.append(", boots and jackets and tents");
        }
        longSentence.append(" in every store.");
        Snippet huge = new Snippet("doc", "Huge", 0, longSentence.toString(), 0.5, null);
        assertThat(VariantValidator.wordCount(huge.text())).isGreaterThan(VariantLimits.BODY_MAX_WORDS);
        for (Tone tone : Tone.values()) {
            GenerationOutcome.Draft draft = draft(GenerationRequest.first(SEGMENTS.get(0), List.of(huge), tone));
            assertThat(validator.problems(draft, List.of(huge))).as(tone.toString()).isEmpty();
            assertThat(draft.body()).contains("tents [1].");
        }
    }

    @Test
    void tooLongSentencesAreSkippedForShorterOnes() {
        StringBuilder words = new StringBuilder("A");
        for (int i = 0; i < 190; i++) {
            words.append(" very");
        }
        Snippet first = new Snippet("long", "Long", 0, words + " long sentence.", 0.9, null);
        Snippet second = paragraphs.get(0);
        List<Snippet> snippets = List.of(first, second);
        for (Tone tone : Tone.values()) {
            GenerationOutcome.Draft draft = draft(GenerationRequest.first(SEGMENTS.get(3), snippets, tone));
            assertThat(validator.problems(draft, snippets)).as(tone.toString()).isEmpty();
            assertThat(draft.citations()).extracting(DraftCitation::marker).containsExactly(2);
        }
    }

    @Test
    void markersInsideSnippetTextAreNotCopied() {
        Snippet withMarkers = new Snippet("doc", "Title [2]", 0,
                "Delivery is free on orders of £50 or more [7]. Returns are free for 60 days [3].", 0.5, null);
        GenerationOutcome.Draft draft = draft(GenerationRequest.first(SEGMENTS.get(0), List.of(withMarkers),
                Tone.FRIENDLY));
        assertThat(validator.problems(draft, List.of(withMarkers))).isEmpty();
        assertThat(draft.body()).contains("Delivery is free on orders of £50 or more [1].")
                .contains("Returns are free for 60 days [1].");
        assertThat(draft.subject()).doesNotContain("[");
    }

    @Test
    void subjectsFitForAVeryLongLabelAndTitle() {
        Segment longSegment = new Segment("kmeans-" + "very-long-segment-name-".repeat(10) + "end",
                "Very Long Segment Label ".repeat(10).strip(), "kmeans", "kmeans-2026.01");
        String title = "Everything you always wanted to know about layering waterproof jackets walking boots "
                + "sleeping bags and tents for every season of the year in the Lake District";
        Snippet snippet = new Snippet("doc", title, 0, paragraphs.get(0).text(), 0.5, null);
        Set<String> titleWords = new HashSet<>(List.of(title.split(" ")));
        for (Tone tone : Tone.values()) {
            GenerationOutcome.Draft draft = draft(GenerationRequest.first(longSegment, List.of(snippet), tone));
            assertThat(validator.problems(draft, List.of(snippet))).isEmpty();
            String subject = draft.subject();
            assertThat(subject.codePointCount(0, subject.length())).isLessThanOrEqualTo(60);
            assertThat(subject).doesNotContain("...").doesNotContain("\u2026");
            String lastWord = subject.substring(subject.lastIndexOf(' ') + 1);
            assertThat(titleWords).as(subject).contains(lastWord);
        }
        Snippet oneWord = new Snippet("doc", "X".repeat(100), 0, paragraphs.get(0).text(), 0.5, null);
        for (Tone tone : Tone.values()) {
            String subject = draft(GenerationRequest.first(longSegment, List.of(oneWord), tone)).subject();
            assertThat(subject.codePointCount(0, subject.length())).isBetween(1, 60);
        }
    }

    @Test
    void subjectsOfTheCorpusFitAndCarryTheTitle() {
        List<String> failures = new ArrayList<>();
        for (Case c : everyCombination()) {
            String subject = c.draft().subject();
            int length = subject.codePointCount(0, subject.length());
            if (length < 1 || length > VariantLimits.SUBJECT_MAX_CHARS || MARKER.matcher(subject).find()) {
                failures.add(c.describe() + ": subject " + subject);
            }
            String title = c.request().snippets().get(0).title().replace("!", "");
            if (!containsWholeTitlePrefix(subject, title)) {
                failures.add(c.describe() + ": subject " + subject + " lost the title " + title);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void sentencesSplitOnlyWhereSentencesEnd() {
        assertThat(Sentences.split("Standard delivery costs £3.95. Members earn 1.5 points per £1, e.g. on boots. "
                + "Visit fernhill.example. Mr. Smith opens at 9 a.m. Sunday to Thursday. We miss you! Still undecided? "
                + "No. 5 is ours. 20,000 mm keeps out rain"))
                .containsExactly("Standard delivery costs £3.95.", "Members earn 1.5 points per £1, e.g. on boots.",
                        "Visit fernhill.example.", "Mr. Smith opens at 9 a.m. Sunday to Thursday.", "We miss you!",
                        "Still undecided?", "No. 5 is ours.", "20,000 mm keeps out rain");
        assertThat(Sentences.split("  Up to 50% off.\n\nThen \"more.\" Next (really.) Last  "))
                .containsExactly("Up to 50% off.", "Then \"more.\"", "Next (really.)", "Last");
        assertThat(Sentences.split("Free delivery [2]. Returns [12] are free.")).containsExactly("Free delivery.",
                "Returns are free.");
        assertThat(Sentences.split("...")).isEmpty();
        assertThat(Sentences.words("£5 off - for you [not a marker]")).isEqualTo(7);
    }

    @Test
    void connectiveWordingStatesNoFacts() {
        for (Tone tone : Tone.values()) {
            TonePhrases.Wording wording = TonePhrases.of(tone);
            List<TonePhrases.Phrase> all = new ArrayList<>();
            wording.openers().values().forEach(all::addAll);
            all.addAll(wording.intros());
            all.addAll(wording.transitions());
            all.addAll(wording.padding());
            all.addAll(wording.closings());
            all.add(wording.greeting());
            all.add(wording.signOff());
            for (TonePhrases.Phrase phrase : all) {
                assertThat(statesNumbers(phrase.text())).as(phrase.text()).isFalse();
                assertThat(phrase.text().toLowerCase(Locale.ROOT)).as(phrase.text())
                        .doesNotContainPattern("\\b(free|off|sale|discount|save|price|deadline|ends|expires|"
                                + "january|february|march|april|june|july|august|september|october|november|"
                                + "december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
                if (tone == Tone.INFORMATIONAL) {
                    assertThat(phrase.text()).doesNotContain("!");
                }
            }
        }
    }

    // ---- helpers ----

    /** The body's sentences: per line, split after . ! ? (and a closing quote) before a capital, digit or quote. */
    private static List<String> sentences(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            for (String sentence : SENTENCE_END.split(line.strip())) {
                if (!sentence.isBlank()) {
                    out.add(sentence.strip());
                }
            }
        }
        return out;
    }

    /** Whether the subject holds the title's first two or more whole words (a title cut on a word boundary). */
    private static boolean containsWholeTitlePrefix(String subject, String title) {
        String[] words = title.split(" ");
        for (int n = words.length; n >= Math.min(2, words.length); n--) {
            String prefix = String.join(" ", List.of(words).subList(0, n)).replaceAll("[:,.]+$", "");
            int at = subject.indexOf(prefix);
            if (at >= 0 && (at + prefix.length() == subject.length()
                    || !Character.isLetterOrDigit(subject.charAt(at + prefix.length())))) {
                return true;
            }
        }
        return false;
    }

    private static boolean statesNumbers(String text) {
        String plain = MARKER.matcher(text).replaceAll("");
        return plain.chars().anyMatch(Character::isDigit) || plain.indexOf('%') >= 0 || plain.indexOf('£') >= 0
                || plain.indexOf('$') >= 0 || plain.indexOf('€') >= 0;
    }

    /** Lower-case words of at least four letters or digits. */
    private static Set<String> contentWords(String text) {
        Set<String> words = new HashSet<>();
        for (String word : NON_WORD.split(MARKER.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT))) {
            if (word.length() >= 4) {
                words.add(word);
            }
        }
        return words;
    }

    /** Word trigrams of each sentence, lower case: the phrasing, not the shared little words. */
    private static Set<String> trigrams(Set<String> sentences) {
        Set<String> grams = new HashSet<>();
        for (String sentence : sentences) {
            String[] words = NON_WORD.split(sentence.toLowerCase(Locale.ROOT).strip());
            for (int i = 0; i + 2 < words.length; i++) {
                grams.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
            }
        }
        return grams;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / union.size();
    }
}
