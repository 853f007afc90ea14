package dev.cpo.retrieval.corpus;

import java.util.List;

/**
 * The corpus cannot be loaded: one or more documents (or the index file) break the rules of
 * {@code corpus/document.schema.json}. Every problem names its file and field, e.g.
 * {@code corpus/we-miss-you-20.json: field 'paragraphs[1]' has 213 words, at most 200 are allowed}.
 */
public class InvalidCorpusException extends RuntimeException {

    private final List<String> problems;

    /** @param problems every problem found, at least one */
    public InvalidCorpusException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public InvalidCorpusException(String problem, Throwable cause) {
        super("invalid corpus: " + problem, cause);
        this.problems = List.of(problem);
    }

    /** @return every problem found, in file order */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid corpus: " + problems.get(0);
        }
        return "invalid corpus, " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
    }
}
