package dev.cpo.generation.generate;

import dev.cpo.events.Snippet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a draft before it may be published as valid: the subject and body lengths of {@link VariantLimits}, and
 * grounding: the body cites at least once, every marker in the body has a citation, every citation is used and points
 * at a snippet that was actually provided, and the subject carries no markers. Problems are phrased for a log line
 * and for the model's second attempt; they never quote the text.
 */
public final class VariantValidator {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("\\s+");

    /**
     * @param draft the candidate
     * @param snippets the snippets the generator was given
     * @return the problems found; empty when the draft is valid
     */
    public List<String> problems(GenerationOutcome.Draft draft, List<Snippet> snippets) {
        List<String> problems = new ArrayList<>();
        String subject = draft.subject() == null ? "" : draft.subject().strip();
        String body = draft.body() == null ? "" : draft.body().strip();
        int subjectLength = subject.codePointCount(0, subject.length());
        if (subjectLength == 0) {
            problems.add("the subject is empty");
        } else if (subjectLength > VariantLimits.SUBJECT_MAX_CHARS) {
            problems.add("the subject has " + subjectLength + " characters, at most "
                    + VariantLimits.SUBJECT_MAX_CHARS + " are allowed");
        }
        if (MARKER.matcher(subject).find()) {
            problems.add("the subject contains a citation marker");
        }
        int words = wordCount(body);
        if (words < VariantLimits.BODY_MIN_WORDS || words > VariantLimits.BODY_MAX_WORDS) {
            problems.add("the body has " + words + " words, it must have " + VariantLimits.BODY_MIN_WORDS + " to "
                    + VariantLimits.BODY_MAX_WORDS);
        }
        problems.addAll(citationProblems(draft, body, snippets));
        return problems;
    }

    /**
     * @param body a body
     * @return its words, not counting citation markers
     */
    public static int wordCount(String body) {
        String text = MARKER.matcher(body).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (String token : WORD_SEPARATOR.split(text)) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param body a body
     * @return the distinct markers it uses, in ascending order
     */
    public static Set<Integer> markers(String body) {
        Set<Integer> markers = new TreeSet<>();
        Matcher matcher = MARKER.matcher(body);
        while (matcher.find()) {
            markers.add(Integer.parseInt(matcher.group(1)));
        }
        return markers;
    }

    private static List<String> citationProblems(GenerationOutcome.Draft draft, String body, List<Snippet> snippets) {
        List<String> problems = new ArrayList<>();
        Set<Integer> used = markers(body);
        if (used.isEmpty()) {
            problems.add("the body cites no snippet");
        }
        Set<String> provided = new java.util.HashSet<>();
        for (Snippet snippet : snippets) {
            provided.add(key(snippet.documentId(), snippet.paragraphIndex()));
        }
        Map<Integer, DraftCitation> byMarker = new HashMap<>();
        for (DraftCitation citation : draft.citations()) {
            if (citation == null) {
                problems.add("a citation is empty");
                continue;
            }
            if (byMarker.putIfAbsent(citation.marker(), citation) != null) {
                problems.add("citation [" + citation.marker() + "] is listed twice");
            }
            if (citation.documentId() == null
                    || !provided.contains(key(citation.documentId(), citation.paragraphIndex()))) {
                problems.add("citation [" + citation.marker() + "] points at a snippet that was not provided");
            }
            if (!used.contains(citation.marker())) {
                problems.add("citation [" + citation.marker() + "] is not used in the body");
            }
        }
        for (int marker : used) {
            if (!byMarker.containsKey(marker)) {
                problems.add("marker [" + marker + "] in the body has no citation");
            }
        }
        return problems;
    }

    private static String key(String documentId, int paragraphIndex) {
        return documentId + '#' + paragraphIndex;
    }
}
