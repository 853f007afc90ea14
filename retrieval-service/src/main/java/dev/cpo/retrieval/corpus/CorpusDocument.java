package dev.cpo.retrieval.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One document of the approved-content corpus, as read and checked by {@link CorpusLoader}.
 *
 * @param id stable id, equal to its file name without {@code .json}
 * @param title the title carried on every snippet
 * @param category what kind of content it is (one of {@link CorpusVocabulary#CATEGORIES})
 * @param audience the customers it suits (tags of {@link CorpusVocabulary#AUDIENCES}), in file order
 * @param paragraphs its paragraphs, each a retrievable snippet of at most
 *        {@value CorpusVocabulary#MAX_PARAGRAPH_WORDS} words
 * @param approval who approved it and when it may be served
 * @param source where it was read from, e.g. {@code corpus/we-miss-you-20.json}
 */
public record CorpusDocument(String id, String title, String category, List<String> audience,
        List<String> paragraphs, Approval approval, String source) {

    /** Copies the lists; the content rules are checked by {@link CorpusLoader}. */
    public CorpusDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        audience = List.copyOf(audience);
        paragraphs = List.copyOf(paragraphs);
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param tag an audience tag
     * @return whether the document carries it
     */
    public boolean suits(String tag) {
        return audience.contains(tag);
    }
}
