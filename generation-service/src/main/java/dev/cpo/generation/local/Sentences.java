package dev.cpo.generation.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plain-text helpers of the local generator: sentence splitting, word counting and citation-marker handling, written
 * as character loops (no regular expressions, nothing compiled per call).
 *
 * <p>A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …} (optionally followed by closing quotes or
 * brackets) when a space follows and the next word starts like a sentence: an upper-case letter, a digit, an opening
 * quote or bracket, or a currency sign. So {@code £5.00}, {@code 1.5 points} and {@code fernhill.example} never end a
 * sentence (no space after the dot), and a dot after a known abbreviation ({@code Mr.}, {@code St.}, {@code approx.},
 * {@code Dec.}), after an initial ({@code J.}), after dotted abbreviations ({@code e.g.}, {@code i.e.},
 * {@code p.m.}, {@code U.K.}) or {@code No.} before a number does not either. When in doubt two sentences are kept
 * together: a longer cited sentence is always safe, a sentence cut in two is not.
 */
final class Sentences {

    /** Abbreviations (lower case, without the dot) after which a dot does not end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "mt", "vs",
            "approx", "incl", "excl", "dept", "fig", "est", "ref", "tel", "cf", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec");

    private Sentences() {
    }

    /**
     * @param text any text; whitespace is normalized and citation markers {@code [n]} are removed first
     * @return its sentences, trimmed, in order; empty when the text has no words
     */
    static List<String> split(String text) {
        String clean = normalize(text);
        List<String> sentences = new ArrayList<>(4);
        int start = 0;
        int length = clean.length();
        for (int i = 0; i < length; i++) {
            char c = clean.charAt(i);
            if (!isTerminal(c)) {
                continue;
            }
            int end = i + 1;
            while (end < length && (isTerminal(clean.charAt(end)) || isCloser(clean.charAt(end)))) {
                end++;
            }
            if (end >= length) {
                break;
            }
            if (clean.charAt(end) != ' ' || end + 1 >= length || !startsSentence(clean.codePointAt(end + 1))) {
                i = end - 1;
                continue;
            }
            if (c == '.' && end == i + 1 && isAbbreviation(clean, start, i, clean.charAt(end + 1))) {
                i = end - 1;
                continue;
            }
            addIfWords(sentences, clean.substring(start, end));
            start = end + 1;
            i = end;
        }
        if (start < length) {
            addIfWords(sentences, clean.substring(start));
        }
        return sentences;
    }

    /**
     * Counts words the way {@code VariantValidator.wordCount} does for text without markers: whitespace-separated
     * tokens holding at least one letter or digit.
     *
     * @param text text without citation markers
     * @return its words
     */
    static int words(String text) {
        int count = 0;
        boolean inToken = false;
        boolean tokenHasWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inToken && tokenHasWord) {
                    count++;
                }
                inToken = false;
                tokenHasWord = false;
            } else {
                inToken = true;
                if (!tokenHasWord) {
                    int cp = Character.isHighSurrogate(c) && i + 1 < text.length() ? text.codePointAt(i) : c;
                    tokenHasWord = Character.isLetterOrDigit(cp);
                }
            }
        }
        if (inToken && tokenHasWord) {
            count++;
        }
        return count;
    }

    /**
     * @param text any text
     * @return the text with citation markers ({@code [} one to three digits {@code ]}) removed and every run of
     *         whitespace replaced by one space, trimmed
     */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        boolean pendingSpace = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '[') {
                int j = i + 1;
                while (j < length && j - i <= 3 && isAsciiDigit(text.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && j - i <= 4 && j < length && text.charAt(j) == ']') {
                    i = j;
                    pendingSpace = true;
                    continue;
                }
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0 && !isTightAfterMarker(c)) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }

    /**
     * @param text text that fits on one line
     * @return whether it contains a digit
     */
    static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTightAfterMarker(char c) {
        // "free [2]." once the marker is gone must read "free." and not "free ."
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    private static void addIfWords(List<String> sentences, String sentence) {
        String trimmed = sentence.strip();
        if (words(trimmed) > 0) {
            sentences.add(trimmed);
        }
    }

    static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\u2026';
    }

    static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019' || c == '\u00bb';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsSentence(int cp) {
        return Character.isUpperCase(cp) || Character.isTitleCase(cp) || Character.isDigit(cp) || cp == '"'
                || cp == '\'' || cp == '(' || cp == '\u201c' || cp == '\u2018' || cp == '\u00ab' || cp == '\u00a3'
                || cp == '$' || cp == '\u20ac';
    }

    /** Whether the dot at {@code dot} closes an abbreviation rather than the sentence. */
    private static boolean isAbbreviation(String text, int sentenceStart, int dot, char next) {
        int tokenStart = dot;
        while (tokenStart > sentenceStart && text.charAt(tokenStart - 1) != ' ') {
            tokenStart--;
        }
        while (tokenStart < dot && !Character.isLetterOrDigit(text.charAt(tokenStart))) {
            tokenStart++;
        }
        if (tokenStart >= dot) {
            return false;
        }
        String token = text.substring(tokenStart, dot);
        if (token.length() == 1 && Character.isLetter(token.charAt(0))) {
            return true; // an initial: "J. Smith"
        }
        if (token.indexOf('.') >= 0) {
            // "e.g", "i.e", "p.m", "U.K": every dotted part one or two letters
            int partLength = 0;
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c == '.') {
                    if (partLength == 0) {
                        return false;
                    }
                    partLength = 0;
                } else if (!Character.isLetter(c) || ++partLength > 2) {
                    return false;
                }
            }
            return partLength > 0;
        }
        String lower = token.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("no") || lower.equals("nos")) {
            return Character.isDigit(next); // "No. 5", but "Say no. Then"
        }
        return ABBREVIATIONS.contains(lower);
    }
}
