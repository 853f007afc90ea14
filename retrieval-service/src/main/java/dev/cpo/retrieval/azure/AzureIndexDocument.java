package dev.cpo.retrieval.azure;

import dev.cpo.retrieval.corpus.Approval;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One paragraph of the corpus as the Azure AI Search index stores it: the unit that is searched and returned as a
 * snippet. {@link #allOf(Corpus)} maps a whole corpus; {@link AzureIndexManager#upload(List)} uploads the result.
 *
 * @param id the index key, see {@link #keyOf(String, int)}
 * @param documentId the corpus document's id
 * @param paragraphIndex the zero-based paragraph index within the document
 * @param title the document's title ({@code null} becomes empty)
 * @param content the paragraph's text (not blank)
 * @param category the document's category, may be {@code null}
 * @param audienceTags the audiences the document suits ({@code everyone} for every customer)
 * @param status the approval status; only {@link #STATUS_APPROVED} documents are ever returned by searches
 * @param approvedAt when the approval takes effect (required when approved; searches return a paragraph from then on)
 * @param expiresAt the first instant at which the paragraph is no longer served, {@code null} for never
 * @param source where the document comes from (URL or file name), may be {@code null}
 */
public record AzureIndexDocument(String id, String documentId, int paragraphIndex, String title, String content,
        String category, List<String> audienceTags, String status, Instant approvedAt, Instant expiresAt,
        String source) {

    /** The status of a paragraph that searches may return. */
    public static final String STATUS_APPROVED = "approved";

    /** What Azure AI Search allows in a document key. */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-=]{1,1024}");

    private static final String ENCODED_PREFIX = "b64_";

    /** Checks the fields the index needs. */
    public AzureIndexDocument {
        if (id == null || !KEY.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "id must be 1-1024 letters, digits, '_', '-' or '=' (use AzureIndexDocument.keyOf), got " + id);
        }
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("documentId must not be blank");
        }
        if (paragraphIndex < 0) {
            throw new IllegalArgumentException("paragraphIndex must not be negative");
        }
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content of " + id + " must not be blank");
        }
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("status of " + id + " must not be blank");
        }
        if (STATUS_APPROVED.equals(status) && approvedAt == null) {
            throw new IllegalArgumentException("approved paragraph " + id + " needs approvedAt");
        }
        title = title == null ? "" : title;
        audienceTags = audienceTags == null ? List.of() : List.copyOf(audienceTags);
    }

    /**
     * A paragraph with the key {@link #keyOf(String, int)} derives.
     *
     * @return the index document
     */
    public static AzureIndexDocument of(String documentId, int paragraphIndex, String title, String content,
            String category, List<String> audienceTags, String status, Instant approvedAt, Instant expiresAt,
            String source) {
        return new AzureIndexDocument(keyOf(documentId, paragraphIndex), documentId, paragraphIndex, title, content,
                category, audienceTags, status, approvedAt, expiresAt, source);
    }

    /**
     * Every paragraph of every document of the corpus, drafts and expired ones included: uploading a draft overwrites
     * what an earlier approval put in the index, and searches filter on status and the approval window themselves.
     *
     * @param corpus the corpus
     * @return its paragraphs, in document then paragraph order
     */
    public static List<AzureIndexDocument> allOf(Corpus corpus) {
        List<AzureIndexDocument> paragraphs = new ArrayList<>();
        for (CorpusDocument document : corpus.documents()) {
            Approval approval = document.approval();
            for (int i = 0; i < document.paragraphs().size(); i++) {
                paragraphs.add(of(document.id(), i, document.title(), document.paragraphs().get(i),
                        document.category(), document.audience(), approval.status().wireName(),
                        approval.approvedAt(), approval.expiresAt(), document.source()));
            }
        }
        return List.copyOf(paragraphs);
    }

    /**
     * The index key of a paragraph: {@code <documentId>-p<paragraphIndex>}, e.g. {@code kb-returns-policy-p2}. A
     * document id with characters a key may not hold (Azure allows letters, digits, {@code _ - =}) is Base64url-encoded
     * behind a {@code b64_} prefix instead, so distinct paragraphs never share a key and re-uploading the same corpus
     * overwrites the same documents.
     *
     * @param documentId the corpus document's id
     * @param paragraphIndex the paragraph's index
     * @return the key
     */
    public static String keyOf(String documentId, int paragraphIndex) {
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("documentId must not be blank");
        }
        String suffix = "-p" + paragraphIndex;
        boolean verbatim = KEY.matcher(documentId).matches() && !documentId.startsWith(ENCODED_PREFIX);
        String base = verbatim
                ? documentId
                : ENCODED_PREFIX + Base64.getUrlEncoder().encodeToString(documentId.getBytes(StandardCharsets.UTF_8));
        String key = base + suffix;
        if (key.length() > 1024) {
            throw new IllegalArgumentException("documentId is too long for an index key: " + documentId.length());
        }
        return key;
    }
}
