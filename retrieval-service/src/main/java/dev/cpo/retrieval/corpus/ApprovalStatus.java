package dev.cpo.retrieval.corpus;

import java.util.Locale;

/** Where a document is in the approval workflow. Only {@link #APPROVED} documents are ever served. */
public enum ApprovalStatus {

    /** Approved for use in customer messages, within its approval window. */
    APPROVED,
    /** Written but not approved: never served. */
    DRAFT;

    /** @return the name used in the JSON files, e.g. {@code approved} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
