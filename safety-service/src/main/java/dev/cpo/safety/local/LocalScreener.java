package dev.cpo.safety.local;

import dev.cpo.events.HarmCategory;
import dev.cpo.safety.screen.ScreenResult;
import dev.cpo.safety.screen.ScreeningUnavailableException;
import dev.cpo.safety.screen.TextScreener;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * The local screener: no network, no model; a lexicon of terms and phrases, a few phrase patterns, an allowlist of
 * benign idioms and the business's blocklists. Plain Java, immutable after construction, thread-safe.
 *
 * <p>One call: the text is normalised and tokenised once ({@link TextNormalizer}); each word is looked up in one hash
 * index that leads to the phrase tries of the lexicon, the allowlist, the blocklists and the patterns' trigger phrases;
 * a pattern runs only when one of its trigger phrases occurs, on the few words around it. Terms match whole words and
 * phrases only, so "Scunthorpe", "Essex", "assess" or "cocktail" never match.
 *
 * <p>Scoring: each category's severity is the highest of its matches (0 when nothing matches). A pile-up of three or
 * more distinct matches of severity 2 or more in one category raises that category to at least 4: several mild terms
 * together make explicit content. A lexicon match lying wholly inside an allowlisted idiom ("drop-dead gorgeous",
 * "shoot us an email") is ignored, and the patterns see the idiom's words as "#"; blocklists ignore the allowlist.
 */
public final class LocalScreener implements TextScreener {

    /** The provider name recorded on verdicts. */
    public static final String PROVIDER = "local-rules";

    private static final int CATEGORIES = HarmCategory.values().length;
    private static final int PILE_UP_MATCHES = 3;
    private static final int PILE_UP_SEVERITY = 4;
    private static final int MIN_MASKED_LENGTH = 3;
    /** How far a pattern may reach before and after one of its trigger words. */
    static final int WORDS_BEFORE_TRIGGER = 12;
    static final int WORDS_AFTER_TRIGGER = 8;

    private final Map<String, Slot> index = new HashMap<>();
    private final Map<String, Lexicon.Term> masked = new HashMap<>();
    private final Map<String, Lexicon.Term> compact = new HashMap<>();
    private final Lexicon.Rule[] rules;

    /** A screener on the default lexicon, without blocklists. */
    public LocalScreener() {
        this(Lexicon.fromClasspath(), List.of());
    }

    /** @param lexicon the lexicon, without blocklists */
    public LocalScreener(Lexicon lexicon) {
        this(lexicon, List.of());
    }

    /**
     * @param lexicon the lexicon
     * @param blocklists the business's blocklists, matched with the same normalisation
     */
    public LocalScreener(Lexicon lexicon, List<Blocklist> blocklists) {
        Objects.requireNonNull(lexicon, "lexicon");
        Objects.requireNonNull(blocklists, "blocklists");
        for (Lexicon.Term t : lexicon.terms()) {
            Node node = slot(t.words.get(0)).lex();
            for (int i = 1; i < t.words.size(); i++) {
                node = node.child(t.words.get(i));
            }
            node.value = t;
        }
        indexMaskedAndCompact(lexicon);
        List<Lexicon.Rule> list = lexicon.rules();
        if (list.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " patterns");
        }
        rules = list.toArray(new Lexicon.Rule[0]);
        for (int r = 0; r < rules.length; r++) {
            for (List<String> trigger : rules[r].triggers) {
                Node node = slot(trigger.get(0)).trigger();
                for (int i = 1; i < trigger.size(); i++) {
                    node = node.child(trigger.get(i));
                }
                node.value = (node.value == null ? 0L : (Long) node.value) | 1L << r;
            }
        }
        for (List<String> idiom : lexicon.allowlist()) {
            Node node = slot(idiom.get(0)).allow();
            for (int i = 1; i < idiom.size(); i++) {
                node = node.child(idiom.get(i));
            }
            node.value = Boolean.TRUE;
        }
        for (Blocklist blocklist : blocklists) {
            for (String entry : blocklist.entries()) {
                List<String> words = TextNormalizer.words(entry);
                Node node = slot(words.get(0)).block();
                for (int i = 1; i < words.size(); i++) {
                    node = node.child(words.get(i));
                }
                @SuppressWarnings("unchecked")
                List<String> ids = node.value == null ? new ArrayList<>(1) : (List<String>) node.value;
                String id = blocklist.matchId(entry);
                if (!ids.contains(id)) {
                    ids.add(id);
                }
                node.value = ids;
            }
        }
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ScreenResult screen(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return scan(text, null).result();
        } catch (RuntimeException | StackOverflowError e) {
            throw new ScreeningUnavailableException("local screening failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * For tests and diagnostics: what matched, e.g. "term kill yourself {SELF_HARM=6}" or "pattern
     * patterns_en.txt:40".
     */
    List<String> explain(String text) {
        List<String> out = new ArrayList<>();
        scan(text, out);
        return out;
    }

    private Hits scan(String text, List<String> explanation) {
        Tokens t = TextNormalizer.tokenize(text);
        int n = t.size();
        Hits hits = new Hits(explanation);
        Slot[] slots = new Slot[n];
        boolean[] allowed = null;
        long[] triggered = null;
        long triggers = 0;
        for (int i = 0; i < n; i++) {
            if (t.isBoundary(i)) {
                continue;
            }
            Slot s = index.get(t.primary(i));
            slots[i] = s;
            if (s == null) {
                continue;
            }
            if (s.trigger != null) {
                long bits = triggerBits(s.trigger, t, i + 1, 0L);
                if (bits != 0) {
                    if (triggered == null) {
                        triggered = new long[n];
                    }
                    triggered[i] = bits;
                    triggers |= bits;
                }
            }
            if (s.allow != null) {
                int end = longestIdiom(s.allow, t, i + 1, -1);
                if (end > i) {
                    if (allowed == null) {
                        allowed = new boolean[n];
                    }
                    for (int k = i; k < end; k++) {
                        allowed[k] = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (t.isBoundary(i)) {
                continue;
            }
            Slot s = slots[i];
            if (s != null) {
                if (s.lex != null) {
                    walkTerms(s.lex, t, i, i + 1, allowed, hits);
                }
                if (s.block != null) {
                    walkBlocks(s.block, t, i + 1, hits);
                }
            }
            String[] alternatives = t.alternatives(i);
            if (alternatives != null) {
                for (String a : alternatives) {
                    Slot sa = index.get(a);
                    if (sa != null && sa.lex != null) {
                        walkTerms(sa.lex, t, i, i + 1, allowed, hits);
                    }
                    if (sa != null && sa.block != null) {
                        walkBlocks(sa.block, t, i + 1, hits);
                    }
                }
            }
            String p = t.primary(i);
            boolean isAllowed = allowed != null && allowed[i];
            if (!isAllowed && p.indexOf('*') >= 0) {
                hits.term(masked.get(p), i, i + 1);
            }
            if (!isAllowed && t.joined(i)) {
                hits.term(compact.get(p), i, i + 1);
            }
        }
        spelledOut(t, allowed, hits);
        for (String symbol : t.symbols()) {
            Slot s = index.get(symbol);
            if (s != null && s.lex != null && s.lex.value != null) {
                hits.term((Lexicon.Term) s.lex.value, n, n);
            }
        }
        if (triggers != 0) {
            runPatterns(t, triggered, allowed, triggers, hits);
        }
        return hits;
    }

    /**
     * Runs each triggered pattern on a window of the normalised text around each of its trigger phrases (from
     * {@value #WORDS_BEFORE_TRIGGER} words before to {@value #WORDS_AFTER_TRIGGER} after), which is all a pattern may
     * span: words separated by one space, "." for a sentence end (no pattern matches across it), "#" for an
     * allowlisted word.
     */
    private void runPatterns(Tokens t, long[] triggered, boolean[] allowed, long triggers, Hits hits) {
        int n = t.size();
        StringBuilder text = new StringBuilder(n * 7);
        int[] from = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(' ');
            }
            from[i] = text.length();
            if (t.isBoundary(i)) {
                text.append('.');
            } else if (allowed != null && allowed[i]) {
                text.append('#');
            } else {
                text.append(t.primary(i));
            }
        }
        from[n] = text.length() + 1;
        Matcher[] matchers = new Matcher[rules.length];
        long pending = triggers;
        for (int i = 0; i < n && pending != 0; i++) {
            long bits = triggered[i] & pending;
            for (int r = 0; bits != 0 && r < rules.length; r++) {
                if ((bits & (1L << r)) == 0) {
                    continue;
                }
                if (matchers[r] == null) {
                    matchers[r] = rules[r].pattern.matcher(text);
                }
                int start = from[Math.max(0, i - WORDS_BEFORE_TRIGGER)];
                int end = from[Math.min(n, i + WORDS_AFTER_TRIGGER + 1)] - 1;
                if (matchers[r].region(start, end).find()) {
                    pending &= ~(1L << r);
                    hits.rule(rules[r]);
                }
            }
        }
    }

    /**
     * Matches runs of three or more one-letter words ("f u c k", "k y s") against the terms without spaces, and as one
     * word followed by the next words ("k i l l yourself").
     */
    private void spelledOut(Tokens t, boolean[] allowed, Hits hits) {
        int n = t.size();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean single = i < n && !t.isBoundary(i) && t.primary(i).length() == 1
                    && Character.isLetter(t.primary(i).charAt(0)) && (allowed == null || !allowed[i]);
            if (single) {
                if (start < 0) {
                    start = i;
                }
                continue;
            }
            if (start >= 0 && i - start >= 3) {
                StringBuilder joined = new StringBuilder(i - start);
                for (int k = start; k < i; k++) {
                    joined.append(t.primary(k));
                }
                String word = joined.toString();
                hits.term(compact.get(word), start, i);
                // The joined run as one word, continuing into the words after it: "K I L L yourself".
                Slot s = index.get(word);
                if (s != null && s.lex != null) {
                    walkTerms(s.lex, t, start, i, allowed, hits);
                }
            }
            start = -1;
        }
    }

    private void walkTerms(Node node, Tokens t, int start, int next, boolean[] allowed, Hits hits) {
        if (node.value != null && !allAllowed(allowed, start, next)) {
            hits.term((Lexicon.Term) node.value, start, next);
        }
        if (node.next == null || next >= t.size() || t.isBoundary(next)) {
            return;
        }
        Node child = node.next.get(t.primary(next));
        if (child != null) {
            walkTerms(child, t, start, next + 1, allowed, hits);
        }
        String[] alternatives = t.alternatives(next);
        if (alternatives != null) {
            for (String a : alternatives) {
                Node c = node.next.get(a);
                if (c != null) {
                    walkTerms(c, t, start, next + 1, allowed, hits);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void walkBlocks(Node node, Tokens t, int next, Hits hits) {
        if (node.value != null) {
            hits.blocks((List<String>) node.value);
        }
        if (node.next == null || next >= t.size() || t.isBoundary(next)) {
            return;
        }
        Node child = node.next.get(t.primary(next));
        if (child != null) {
            walkBlocks(child, t, next + 1, hits);
        }
        String[] alternatives = t.alternatives(next);
        if (alternatives != null) {
            for (String a : alternatives) {
                Node c = node.next.get(a);
                if (c != null) {
                    walkBlocks(c, t, next + 1, hits);
                }
            }
        }
    }

    /** @return the patterns whose trigger phrases start at the word before next and continue from node */
    private static long triggerBits(Node node, Tokens t, int next, long bits) {
        long all = node.value != null ? bits | (Long) node.value : bits;
        if (node.next == null || next >= t.size() || t.isBoundary(next)) {
            return all;
        }
        Node child = node.next.get(t.primary(next));
        return child == null ? all : triggerBits(child, t, next + 1, all);
    }

    /** @return the end (exclusive) of the longest idiom continuing from node at word next, or best */
    private static int longestIdiom(Node node, Tokens t, int next, int best) {
        int end = node.value != null ? next : best;
        if (node.next == null || next >= t.size() || t.isBoundary(next)) {
            return end;
        }
        Node child = node.next.get(t.primary(next));
        return child == null ? end : Math.max(end, longestIdiom(child, t, next + 1, end));
    }

    private static boolean allAllowed(boolean[] allowed, int start, int end) {
        if (allowed == null) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (!allowed[k]) {
                return false;
            }
        }
        return true;
    }

    private void indexMaskedAndCompact(Lexicon lexicon) {
        for (Lexicon.Term t : lexicon.terms()) {
            if (t.words.size() == 1) {
                compact.put(t.key, t);
                String w = t.key;
                if (w.length() >= MIN_MASKED_LENGTH && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                    // Every mask of one inner stretch: "f*ck", "f**k", "a**hole".
                    for (int i = 1; i < w.length() - 1; i++) {
                        for (int j = i; j < w.length() - 1; j++) {
                            String key = w.substring(0, i) + "*".repeat(j - i + 1) + w.substring(j + 1);
                            masked.merge(key, t, LocalScreener::likelier);
                        }
                    }
                }
            }
        }
        for (Lexicon.Term t : lexicon.terms()) {
            if (t.words.size() > 1) {
                compact.putIfAbsent(String.join("", t.words), t);
            }
        }
    }

    /** For an ambiguous mask: the canonical spelling first ("f*ck" is fuck, not feck), then the milder. */
    private static Lexicon.Term likelier(Lexicon.Term a, Lexicon.Term b) {
        if (a.canonical != b.canonical) {
            return a.canonical ? a : b;
        }
        return b.maxSeverity() < a.maxSeverity() ? b : a;
    }

    private Slot slot(String word) {
        return index.computeIfAbsent(word, w -> new Slot());
    }

    /** What one word leads to: the tries of terms, idioms, blocklist entries and pattern triggers starting with it. */
    private static final class Slot {
        Node lex;
        Node allow;
        Node block;
        Node trigger;

        Node lex() {
            if (lex == null) {
                lex = new Node();
            }
            return lex;
        }

        Node allow() {
            if (allow == null) {
                allow = new Node();
            }
            return allow;
        }

        Node trigger() {
            if (trigger == null) {
                trigger = new Node();
            }
            return trigger;
        }

        Node block() {
            if (block == null) {
                block = new Node();
            }
            return block;
        }
    }

    private static final class Node {
        HashMap<String, Node> next;
        Object value;

        Node child(String word) {
            if (next == null) {
                next = new HashMap<>(4);
            }
            return next.computeIfAbsent(word, w -> new Node());
        }
    }

    /** The matches of one call. */
    private static final class Hits {
        private final int[] severities = new int[CATEGORIES];
        private final List<Lexicon.Term> terms = new ArrayList<>(4);
        private final List<int[]> spans = new ArrayList<>(4);
        private final List<Lexicon.Rule> matchedRules = new ArrayList<>(2);
        private final List<String> blocklistMatches = new ArrayList<>(2);
        private final List<String> explanation;

        Hits(List<String> explanation) {
            this.explanation = explanation;
        }

        /** A term matched words [start, end) (symbols: an empty span after the last word). */
        void term(Lexicon.Term term, int start, int end) {
            if (term == null) {
                return;
            }
            for (Lexicon.Term t : terms) {
                if (t == term) {
                    return;
                }
            }
            terms.add(term);
            spans.add(new int[]{start, end});
            raise(term.severities);
            if (explanation != null) {
                explanation.add("term " + term);
            }
        }

        void rule(Lexicon.Rule rule) {
            matchedRules.add(rule);
            raise(rule.severities);
            if (explanation != null) {
                explanation.add("pattern " + rule.name);
            }
        }

        void blocks(List<String> ids) {
            for (String id : ids) {
                if (!blocklistMatches.contains(id)) {
                    blocklistMatches.add(id);
                    if (explanation != null) {
                        explanation.add("blocklist " + id);
                    }
                }
            }
        }

        private void raise(int[] s) {
            for (int c = 0; c < CATEGORIES; c++) {
                severities[c] = Math.max(severities[c], s[c]);
            }
        }

        /**
         * @return per category, the distinct matches of severity 2 or more, not counting a term that lies inside a
         *         longer matched phrase ("shit" inside "piece of shit")
         */
        private int[] pileUp() {
            int[] counts = new int[CATEGORIES];
            for (int h = 0; h < terms.size(); h++) {
                int[] span = spans.get(h);
                boolean nested = false;
                for (int g = 0; g < terms.size() && !nested; g++) {
                    int[] other = spans.get(g);
                    nested = g != h && other[0] <= span[0] && span[1] <= other[1]
                            && other[1] - other[0] > span[1] - span[0];
                }
                if (!nested) {
                    count(terms.get(h).severities, counts);
                }
            }
            for (Lexicon.Rule r : matchedRules) {
                count(r.severities, counts);
            }
            return counts;
        }

        private static void count(int[] s, int[] counts) {
            for (int c = 0; c < CATEGORIES; c++) {
                if (s[c] >= 2) {
                    counts[c]++;
                }
            }
        }

        ScreenResult result() {
            int[] counts = terms.size() + matchedRules.size() >= PILE_UP_MATCHES ? pileUp() : new int[CATEGORIES];
            EnumMap<HarmCategory, Integer> map = new EnumMap<>(HarmCategory.class);
            for (HarmCategory c : HarmCategory.values()) {
                int s = severities[c.ordinal()];
                if (counts[c.ordinal()] >= PILE_UP_MATCHES) {
                    s = Math.max(s, PILE_UP_SEVERITY);
                }
                map.put(c, s);
            }
            return new ScreenResult(map, blocklistMatches);
        }
    }
}
