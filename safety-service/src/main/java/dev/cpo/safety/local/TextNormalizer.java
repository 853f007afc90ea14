package dev.cpo.safety.local;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns text into normalised word tokens; the same function normalises the lexicon's terms, the allowlist and the
 * blocklists, so text and terms always meet in the same form.
 *
 * <ol>
 * <li>Characters: lower case; Unicode NFKD with the combining marks dropped ("Pâté" -> "pate", full-width "！" -> "!",
 * "ﬁ" -> "fi"); a few Cyrillic and Greek look-alikes to their Latin letter; curly apostrophes to '.</li>
 * <li>Chunks: the text is split at white space; a line break or a chunk ending in . ! ? ; : (but not an ellipsis) is a
 * sentence boundary, which no phrase and no pattern crosses.</li>
 * <li>Words: a chunk is split at every character that is neither a letter, a digit nor one of {@code @ $ ! + * # & '}
 * ("drop-dead" -> drop, dead; "fernhill.co.uk" -> fernhill, co, uk). Leading and trailing symbols are trimmed
 * ("Wow!" -> wow, "**NEW**" -> new). Apostrophes are removed ("I'll" -> ill, "don't" -> dont).</li>
 * <li>Substitutions, only in a word that has at least one letter (so prices, sizes and dates stay numbers): 0->o,
 * 1->i (and a second form with 1->l), 3->e, 4->a, 5->s, 7->t, @->a, $->s, !->i (and l), +->t; * and # stay as a
 * mask ("f*ck", matched against the lexicon's masked forms).</li>
 * <li>Spelled-out words: a chunk made of three or more single letters ("f.u.c.k", "s_h_i_t", "f-u-c-k") becomes one
 * word; runs of three or more one-letter words across white space ("f u c k") are joined by the screener.</li>
 * <li>Stretched words: a word with a letter repeated three or more times ("fuuuck", "kiiill") also gets the forms
 * with each such run cut to one and to two letters ("fuck", "fuuck"). Double letters are never cut, so "assess",
 * "class" or "kill" keep their identity.</li>
 * </ol>
 *
 * Stateless and thread-safe.
 */
final class TextNormalizer {

    private static final char[] LEET = new char[128];
    private static final String SAME = new String("");
    /** Lazily filled fold of each BMP character above ASCII; {@link #SAME} when the character stays as it is. */
    private static final String[] FOLD = new String[0x10000];
    private static final int MAX_STRETCHED_RUNS = 3;

    static {
        LEET['0'] = 'o';
        LEET['1'] = 'i';
        LEET['3'] = 'e';
        LEET['4'] = 'a';
        LEET['5'] = 's';
        LEET['7'] = 't';
        LEET['@'] = 'a';
        LEET['$'] = 's';
        LEET['!'] = 'i';
        LEET['+'] = 't';
    }

    private TextNormalizer() {
    }

    /**
     * @param text any text
     * @return its tokens, with sentence boundaries
     */
    static Tokens tokenize(String text) {
        Tokens out = new Tokens(text.length() / 5 + 8);
        char[] b = fold(text);
        int n = b.length;
        int i = 0;
        while (i < n) {
            char c = b[i];
            if (isSpace(c)) {
                if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                    out.boundary();
                }
                i++;
                continue;
            }
            int start = i;
            while (i < n && !isSpace(b[i])) {
                i++;
            }
            chunk(b, start, i, out);
        }
        return out;
    }

    /**
     * @param phrase a term, idiom or blocklist entry
     * @return its normalised words (primary forms); for a phrase without words, its emoji; else empty
     */
    static List<String> words(String phrase) {
        Tokens t = tokenize(phrase);
        List<String> words = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            if (!t.isBoundary(i)) {
                words.add(t.primary(i));
            }
        }
        if (words.isEmpty()) {
            words.addAll(t.symbols()); // a term that is one emoji
        }
        return words;
    }

    /**
     * @param entry a blocklist entry as written
     * @return an id-safe form: lower case ASCII letters and digits, words joined by '-' ("100% guaranteed" ->
     *         "100-guaranteed")
     */
    static String idOf(String entry) {
        char[] b = fold(entry);
        StringBuilder id = new StringBuilder(b.length);
        boolean dash = false;
        for (char c : b) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && id.length() > 0) {
                    id.append('-');
                }
                dash = false;
                id.append(c);
            } else if (c != '\'') {
                dash = true;
            }
        }
        return id.toString();
    }

    private static void chunk(char[] b, int start, int end, Tokens out) {
        int[] ps = out.scratchStarts(end - start);
        int[] pe = out.scratchEnds(end - start);
        int pieces = 0;
        int i = start;
        while (i < end) {
            char c = b[i];
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(b[i + 1])) {
                int cp = Character.toCodePoint(c, b[i + 1]);
                if (Character.getType(cp) == Character.OTHER_SYMBOL) {
                    out.symbol(new String(b, i, 2));
                }
                i += 2;
                continue;
            }
            if (!isWordChar(c)) {
                i++;
                continue;
            }
            int s = i;
            while (i < end && isWordChar(b[i])) {
                i++;
            }
            ps[pieces] = s;
            pe[pieces] = i;
            pieces++;
        }
        if (pieces >= 3 && spelledOut(b, ps, pe, pieces)) {
            // "f.u.c.k", "s_h_i_t": one word of single letters.
            char[] joined = new char[pieces];
            for (int p = 0; p < pieces; p++) {
                char c = b[ps[p]];
                joined[p] = c < 128 && LEET[c] != 0 ? LEET[c] : c;
            }
            String j = new String(joined);
            out.add(j, stretched(j, null), true);
            if (endsSentence(b, start, end)) {
                out.boundary();
            }
            return;
        }
        String last = null;
        for (int p = 0; p < pieces; p++) {
            String w = word(b, ps[p], pe[p], false, out);
            if (w == null) {
                continue;
            }
            String[] a = null;
            if (out.lastWordHadL) {
                a = withAlternative(a, word(b, ps[p], pe[p], true, out));
            }
            if (out.lastWordHasLetter) {
                a = stretched(w, a);
            }
            out.add(w, a, false);
            last = w;
        }
        if ((last == null || last.length() > 1) && endsSentence(b, start, end)) {
            out.boundary();
        }
    }

    /** @return whether every piece is one letter or look-alike digit, with at least two letters */
    private static boolean spelledOut(char[] b, int[] ps, int[] pe, int pieces) {
        int letters = 0;
        for (int p = 0; p < pieces; p++) {
            if (pe[p] - ps[p] != 1) {
                return false;
            }
            char c = b[ps[p]];
            if (Character.isLetter(c)) {
                letters++;
            } else if (!(c < 128 && LEET[c] != 0 && c != '+' && c != '!')) {
                return false;
            }
        }
        return letters >= 2;
    }

    /**
     * @param lForm whether 1 and ! become l rather than i
     * @param out receives whether the word has a letter and whether it had a 1 or ! (only when not lForm)
     * @return the normalised word of b[s, e), or null when nothing is left after trimming
     */
    private static String word(char[] b, int s, int e, boolean lForm, Tokens out) {
        // Trim leading and trailing symbols; @ and $ may open a word ("@ss", "$hit"), $ may end one ("a$$").
        while (s < e) {
            char c = b[s];
            if (c == '@' || c == '$') {
                if (s + 1 < e && (Character.isLetterOrDigit(b[s + 1]) || b[s + 1] == '$' || b[s + 1] == '@')) {
                    break;
                }
                s++;
            } else if (!Character.isLetterOrDigit(c)) {
                s++;
            } else {
                break;
            }
        }
        boolean hasLetter = false;
        for (int k = s; k < e; k++) {
            if (Character.isLetter(b[k])) {
                hasLetter = true;
                break;
            }
        }
        while (e > s) {
            char c = b[e - 1];
            if (Character.isLetterOrDigit(c) || (c == '$' && hasLetter)) {
                break;
            }
            e--;
        }
        if (s >= e) {
            return null;
        }
        char[] w = out.scratchChars(e - s);
        int len = 0;
        boolean hadL = false;
        if (!hasLetter) {
            for (int k = s; k < e; k++) {
                if (Character.isDigit(b[k])) {
                    w[len++] = b[k];
                }
            }
        } else {
            for (int k = s; k < e; k++) {
                char c = b[k];
                if (Character.isLetter(c)) {
                    w[len++] = c;
                } else if (c == '\'') {
                    continue;
                } else if (c == '*' || c == '#') {
                    w[len++] = '*';
                } else if (c == '&') {
                    w[len++] = '&';
                } else if (c < 128 && LEET[c] != 0) {
                    if (c == '1' || c == '!') {
                        hadL = true;
                        w[len++] = lForm ? 'l' : 'i';
                    } else {
                        w[len++] = LEET[c];
                    }
                } else {
                    w[len++] = c;
                }
            }
        }
        if (!lForm) {
            out.lastWordHadL = hadL;
            out.lastWordHasLetter = hasLetter;
        }
        return len == 0 ? null : new String(w, 0, len);
    }

    private static String[] withAlternative(String[] alts, String alt) {
        if (alt == null) {
            return alts;
        }
        if (alts == null) {
            return new String[]{alt};
        }
        for (String a : alts) {
            if (a.equals(alt)) {
                return alts;
            }
        }
        String[] more = Arrays.copyOf(alts, alts.length + 1);
        more[alts.length] = alt;
        return more;
    }

    /** Adds the forms of w with each run of 3+ equal letters cut to one and to two letters. */
    private static String[] stretched(String w, String[] alts) {
        int n = w.length();
        int runs = 0;
        int[] rs = null;
        int[] rl = null;
        for (int i = 0; i < n;) {
            int j = i + 1;
            while (j < n && w.charAt(j) == w.charAt(i)) {
                j++;
            }
            if (j - i >= 3 && Character.isLetter(w.charAt(i))) {
                if (rs == null) {
                    rs = new int[MAX_STRETCHED_RUNS];
                    rl = new int[MAX_STRETCHED_RUNS];
                }
                if (runs < MAX_STRETCHED_RUNS) {
                    rs[runs] = i;
                    rl[runs] = j - i;
                    runs++;
                }
            }
            i = j;
        }
        if (runs == 0) {
            return alts;
        }
        String[] out = alts;
        for (int combo = 0; combo < (1 << runs); combo++) {
            StringBuilder v = new StringBuilder(n);
            int pos = 0;
            for (int r = 0; r < runs; r++) {
                v.append(w, pos, rs[r]);
                int keep = (combo & (1 << r)) == 0 ? 1 : 2;
                for (int k = 0; k < keep; k++) {
                    v.append(w.charAt(rs[r]));
                }
                pos = rs[r] + rl[r];
            }
            v.append(w, pos, n);
            out = withAlternative(out, v.toString());
        }
        return out;
    }

    private static boolean endsSentence(char[] b, int start, int end) {
        int k = end - 1;
        while (k >= start && isClosing(b[k])) {
            k--;
        }
        if (k < start) {
            return false;
        }
        char c = b[k];
        if (c == '.' && k > start && b[k - 1] == '.') {
            return false; // an ellipsis ("I will... kill you") is a pause, not an end
        }
        return c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '\u201d' || c == '\u00bb'
                || c == '*' || c == '_';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '$' || c == '!' || c == '+' || c == '*' || c == '#'
                || c == '&' || c == '\'';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c > 127 && Character.isWhitespace(c))
                || c == '\u00a0';
    }

    /** Lower case, NFKD without combining marks, look-alikes and apostrophes folded. */
    static char[] fold(String text) {
        int n = text.length();
        char[] b = new char[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                } else if (c == '`') {
                    c = '\'';
                }
                b[k++] = c;
                continue;
            }
            String f = FOLD[c];
            if (f == null) {
                f = foldChar(c);
                FOLD[c] = f;
            }
            if (f == SAME) {
                b[k++] = c;
            } else {
                // Room for this fold and one char for each char still to read.
                int needed = k + f.length() + (n - i - 1);
                if (needed > b.length) {
                    b = Arrays.copyOf(b, Math.max(b.length * 2, needed + 16));
                }
                for (int j = 0; j < f.length(); j++) {
                    b[k++] = f.charAt(j);
                }
            }
        }
        return k == b.length ? b : Arrays.copyOf(b, k);
    }

    private static String foldChar(char c) {
        if (Character.isSurrogate(c)) {
            return SAME;
        }
        String s = String.valueOf(c);
        char lower = Character.toLowerCase(c);
        char alike = lookAlike(lower);
        if (alike != lower) {
            return String.valueOf(alike);
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder r = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char x = d.charAt(i);
            int type = Character.getType(x);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            r.append(lookAlike(Character.toLowerCase(x)));
        }
        String folded = r.toString().toLowerCase(Locale.ROOT);
        return folded.equals(s) ? SAME : folded;
    }

    private static char lookAlike(char c) {
        switch (c) {
            // Cyrillic
            case '\u0430' :
                return 'a';
            case '\u0435' :
            case '\u0451' :
                return 'e';
            case '\u043e' :
                return 'o';
            case '\u0440' :
                return 'p';
            case '\u0441' :
                return 'c';
            case '\u0443' :
                return 'y';
            case '\u0445' :
                return 'x';
            case '\u0456' :
                return 'i';
            case '\u0458' :
                return 'j';
            case '\u0455' :
                return 's';
            case '\u043a' :
                return 'k';
            // Greek
            case '\u03bf' :
                return 'o';
            case '\u03b1' :
                return 'a';
            case '\u03b9' :
                return 'i';
            case '\u03ba' :
                return 'k';
            case '\u03bd' :
                return 'v';
            case '\u03c1' :
                return 'p';
            case '\u03c4' :
                return 't';
            case '\u03c5' :
                return 'u';
            case '\u03c7' :
                return 'x';
            // Apostrophes and primes
            case '\u2018' :
            case '\u2019' :
            case '\u02bc' :
            case '\u2032' :
            case '\u00b4' :
                return '\'';
            default :
                return c;
        }
    }
}
