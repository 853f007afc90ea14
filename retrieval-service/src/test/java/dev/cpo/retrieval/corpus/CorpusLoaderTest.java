package dev.cpo.retrieval.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shippedCorpusLoadsWithEveryDocumentValid() {
        Corpus corpus = CorpusLoader.fromClasspath();

        assertThat(corpus.size()).isBetween(30, 50);
        assertThat(corpus.documents()).allSatisfy(document -> {
            assertThat(document.source()).isEqualTo("corpus/" + document.id() + ".json");
            assertThat(document.paragraphs()).hasSizeBetween(2, 5)
                    .allSatisfy(p -> assertThat(CorpusVocabulary.words(p)).isBetween(1, 200));
        });
    }

    @Test
    void shippedCorpusHoldsDocumentsThatMustNeverBeServed() {
        Corpus corpus = CorpusLoader.fromClasspath();

        assertThat(corpus.document("spring-2027-triple-points")).get()
                .satisfies(d -> assertThat(d.approval().status()).isEqualTo(ApprovalStatus.DRAFT));
        assertThat(corpus.servableAt(CorpusFixtures.NOW)).extracting(CorpusDocument::id)
                .doesNotContain("spring-2027-triple-points", "summer-sale-2026", "autumn-camping-clearance-2026")
                .hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void everyFileInTheCorpusFolderIsListedInTheIndex() throws IOException {
        Path folder = Path.of("src/main/resources/corpus");
        List<String> listed = new ArrayList<>();
        JSON.readTree(folder.resolve("index.json").toFile()).get("documents").forEach(n -> listed.add(n.asText()));
        try (Stream<Path> files = Files.list(folder)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("index.json") && !n.equals("document.schema.json"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @Test
    void missingRequiredFieldIsRejectedNamingFileAndField() {
        assertRejected(doc -> doc.remove("title"), "corpus/winter-boots.json: missing required field 'title'");
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).remove("expiresAt"),
                "corpus/winter-boots.json: missing required field 'approval.expiresAt'");
        assertRejected(doc -> doc.putNull("category"), "missing required field 'category'");
    }

    @Test
    void paragraphOverTwoHundredWordsIsRejected() {
        String longParagraph = "word ".repeat(201).strip();

        assertRejected(doc -> ((ArrayNode) doc.get("paragraphs")).add(longParagraph),
                "corpus/winter-boots.json: field 'paragraphs[2]' has 201 words, at most 200 are allowed");
    }

    @Test
    void paragraphOfExactlyTwoHundredWordsIsAccepted() {
        ObjectNode doc = valid();
        ((ArrayNode) doc.get("paragraphs")).add("word ".repeat(200).strip());

        assertThat(CorpusLoader.parseDocument("corpus/winter-boots.json", bytes(doc)).paragraphs()).hasSize(3);
    }

    @Test
    void badDateIsRejected() {
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).put("approvedAt", "2026-13-01T09:00:00Z"),
                "corpus/winter-boots.json: field 'approval.approvedAt' must be an ISO-8601 timestamp with offset");
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).put("expiresAt", "2027-10-01"),
                "field 'approval.expiresAt' must be an ISO-8601 timestamp with offset");
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).put("expiresAt", "2027-10-01T00:00:00"),
                "field 'approval.expiresAt' must be an ISO-8601 timestamp with offset");
    }

    @Test
    void expiryBeforeApprovalIsRejected() {
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).put("expiresAt", "2026-10-05T09:00:00Z"),
                "field 'approval.expiresAt' must be after 'approval.approvedAt'");
    }

    @Test
    void approvedDocumentMustNameItsApprover() {
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).remove("approvedBy"),
                "missing required field 'approval.approvedBy'");
    }

    @Test
    void draftNeedsNoApprover() {
        ObjectNode doc = valid();
        ObjectNode approval = (ObjectNode) doc.get("approval");
        approval.put("status", "draft");
        approval.remove("approvedBy");
        approval.remove("approvedAt");

        CorpusDocument draft = CorpusLoader.parseDocument("corpus/winter-boots.json", bytes(doc));

        assertThat(draft.approval().status()).isEqualTo(ApprovalStatus.DRAFT);
        assertThat(draft.approval().servableAt(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void valuesOutsideTheVocabulariesAreRejected() {
        assertRejected(doc -> doc.put("category", "misc"), "field 'category' must be one of");
        assertRejected(doc -> ((ArrayNode) doc.get("audience")).add("vip"), "field 'audience[1]' must be one of");
        assertRejected(doc -> ((ArrayNode) doc.get("audience")).add("everyone"),
                "field 'audience[1]' repeats 'everyone'");
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).put("status", "Approved"),
                "field 'approval.status' must be 'approved' or 'draft'");
        assertRejected(doc -> doc.put("id", "Winter_Boots"), "field 'id' must be lower-case");
    }

    @Test
    void wrongParagraphCountIsRejected() {
        assertRejected(doc -> ((ArrayNode) doc.get("paragraphs")).remove(1),
                "field 'paragraphs' must be an array of 2 to 5 paragraphs");
        assertRejected(doc -> ((ArrayNode) doc.get("paragraphs")).add("a").add("b").add("c").add("d"),
                "field 'paragraphs' must be an array of 2 to 5 paragraphs");
    }

    @Test
    void unknownFieldIsRejectedSoThatTyposAreNotIgnored() {
        assertRejected(doc -> doc.put("paragraph", "x"), "unknown field 'paragraph'");
        assertRejected(doc -> ((ObjectNode) doc.get("approval")).put("expires", "x"),
                "unknown field 'approval.expires'");
    }

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> CorpusLoader.parseDocument("corpus/x.json", "{\"id\": ".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(InvalidCorpusException.class)
                .hasMessageContaining("corpus/x.json: not valid JSON");
        String duplicate = CorpusFixtures.validJson().replace("\"title\": \"Winter boots\",",
                "\"title\": \"Winter boots\", \"title\": \"Again\",");
        assertThatThrownBy(() -> CorpusLoader.parseDocument("corpus/x.json", duplicate.getBytes(
                StandardCharsets.UTF_8))).hasMessageContaining("Duplicate field 'title'");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() throws IOException {
        ObjectNode first = valid();
        first.remove("title");
        first.put("category", "misc");
        ObjectNode second = valid();
        second.put("id", "summer-boots");
        ((ObjectNode) second.get("approval")).put("approvedAt", "yesterday");
        write("index.json", "{\"documents\": [\"winter-boots.json\", \"summer-boots.json\"]}");
        write("winter-boots.json", first.toString());
        write("summer-boots.json", second.toString());

        assertThatThrownBy(() -> CorpusLoader.fromDirectory(dir)).isInstanceOfSatisfying(
                InvalidCorpusException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).endsWith("winter-boots.json: missing required field 'title'"))
                        .anySatisfy(p -> assertThat(p).contains("winter-boots.json: field 'category'"))
                        .anySatisfy(p -> assertThat(p).contains("summer-boots.json: field 'approval.approvedAt'")));
    }

    @Test
    void idMustEqualTheFileName() throws IOException {
        write("index.json", "{\"documents\": [\"boots.json\"]}");
        write("boots.json", CorpusFixtures.validJson());

        assertThatThrownBy(() -> CorpusLoader.fromDirectory(dir))
                .hasMessageContaining("boots.json: field 'id' must equal the file name without .json, 'boots'");
    }

    @Test
    void indexListingAMissingFileIsRejected() throws IOException {
        write("index.json", "{\"documents\": [\"winter-boots.json\", \"gone.json\"]}");
        write("winter-boots.json", CorpusFixtures.validJson());

        assertThatThrownBy(() -> CorpusLoader.fromDirectory(dir))
                .hasMessageContaining("index.json: lists 'gone.json', which does not exist");
    }

    @Test
    void malformedIndexIsRejected() throws IOException {
        write("index.json", "{\"documents\": [\"winter-boots.json\", \"winter-boots.json\", \"../etc.json\"]}");

        assertThatThrownBy(() -> CorpusLoader.fromDirectory(dir)).isInstanceOfSatisfying(
                InvalidCorpusException.class, e -> assertThat(e.problems()).containsExactly(
                        dir.getFileName() + "/index.json: field 'documents[1]' lists 'winter-boots.json' twice",
                        dir.getFileName() + "/index.json: field 'documents[2]' must be a file name like"
                                + " 'we-miss-you-20.json' (lower-case words joined by hyphens)"));
        assertThatThrownBy(() -> CorpusLoader.fromClasspath("nowhere/index.json"))
                .hasMessageContaining("nowhere/index.json: the index file does not exist");
    }

    @Test
    void directoryCorpusCarriesItsFolderNameAsSource() throws IOException {
        write("index.json", "{\"documents\": [\"winter-boots.json\"]}");
        write("winter-boots.json", CorpusFixtures.validJson());

        Corpus corpus = CorpusLoader.fromDirectory(dir);

        assertThat(corpus.documents()).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo(dir.getFileName() + "/winter-boots.json");
            assertThat(d.audience()).containsExactly("everyone");
            assertThat(d.approval().approvedAt()).isEqualTo(Instant.parse("2026-10-05T09:00:00Z"));
        });
    }

    private static void assertRejected(Consumer<ObjectNode> change, String message) {
        ObjectNode doc = valid();
        change.accept(doc);
        assertThatThrownBy(() -> CorpusLoader.parseDocument("corpus/winter-boots.json", bytes(doc)))
                .isInstanceOf(InvalidCorpusException.class)
                .hasMessageContaining(message);
    }

    private static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree(CorpusFixtures.validJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ObjectNode doc) {
        return doc.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
