package dev.cpo.retrieval.corpus;

import java.time.Instant;
import java.util.List;

/** Small documents and corpora for tests. */
public final class CorpusFixtures {

    /** An instant inside every fixture's approval window unless stated otherwise. */
    public static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private CorpusFixtures() {
    }

    /**
     * @param id the document id
     * @param audience its audience tags
     * @param paragraphs its paragraphs
     * @return an approved document served from a month before {@link #NOW} to a year after it
     */
    public static CorpusDocument approved(String id, List<String> audience, String... paragraphs) {
        return document(id, audience, approval(NOW.minusSeconds(30L * 86_400), NOW.plusSeconds(365L * 86_400)),
                paragraphs);
    }

    /**
     * @param id the document id
     * @param audience its audience tags
     * @param approval its approval
     * @param paragraphs its paragraphs
     * @return the document, titled after its id, category {@code offers}
     */
    public static CorpusDocument document(String id, List<String> audience, Approval approval, String... paragraphs) {
        return new CorpusDocument(id, "Title of " + id, "offers", audience, List.of(paragraphs), approval,
                "corpus/" + id + ".json");
    }

    /**
     * @param from when the approval takes effect
     * @param until when it expires
     * @return an approval by a test approver
     */
    public static Approval approval(Instant from, Instant until) {
        return new Approval(ApprovalStatus.APPROVED, "Test Approver (QA)", from, until);
    }

    /**
     * @param until when the planned expiry is
     * @return a draft
     */
    public static Approval draft(Instant until) {
        return new Approval(ApprovalStatus.DRAFT, null, null, until);
    }

    /**
     * @return a valid document JSON, to break one field at a time
     */
    public static String validJson() {
        return """
                {
                  "id": "winter-boots",
                  "title": "Winter boots",
                  "category": "product-guide",
                  "audience": ["everyone"],
                  "paragraphs": [
                    "The Skiddaw Mid waterproof walking boot costs 149 pounds.",
                    "All four stores offer free boot fitting."
                  ],
                  "approval": {
                    "status": "approved",
                    "approvedBy": "Hannah Reid (Product)",
                    "approvedAt": "2026-10-05T09:00:00Z",
                    "expiresAt": "2027-10-01T00:00:00Z"
                  }
                }
                """;
    }
}
