package dev.cpo.safety.local;

import dev.cpo.events.HarmCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Terms and phrases with a severity per {@link HarmCategory} on Azure's 0-7 scale, the phrase patterns for threats,
 * self-harm encouragement and group hate, and the allowlist of benign idioms. Immutable and thread-safe.
 *
 * <p>{@link #fromClasspath()} builds the default lexicon from the resources under {@code lexicon/} (see
 * {@code package-info} for the sources, the category and severity mappings and the file formats);
 * {@link #builder()} builds one by hand, e.g. for tests.
 */
public final class Lexicon {

    /** The resources {@link #fromClasspath()} reads. */
    static final String SURGE = "lexicon/third-party/surge_profanity_en.csv";
    static final String LDNOOBW = "lexicon/third-party/ldnoobw_en.txt";
    static final String OVERRIDES = "lexicon/overrides_en.txt";
    static final String VIOLENCE = "lexicon/violence_en.txt";
    static final String SELF_HARM = "lexicon/self_harm_en.txt";
    static final String HATE = "lexicon/hate_phrases_en.txt";
    static final String PATTERNS = "lexicon/patterns_en.txt";
    static final String ALLOWLIST = "lexicon/allowlist_en.txt";

    private static final int CATEGORIES = HarmCategory.values().length;
    private static volatile Lexicon defaultLexicon;

    private final Map<String, Term> terms;
    private final List<Rule> rules;
    private final List<List<String>> allowlist;

    private Lexicon(Map<String, Term> terms, List<Rule> rules, List<List<String>> allowlist) {
        this.terms = terms;
        this.rules = rules;
        this.allowlist = allowlist;
    }

    /**
     * The default lexicon: the third-party lists packaged at build time under {@code lexicon/third-party/} and this
     * project's own lists, overrides, patterns and allowlist under {@code lexicon/}. Loaded once per class loader.
     *
     * @return the shared default lexicon
     * @throws IllegalStateException if a resource is missing or malformed
     */
    public static Lexicon fromClasspath() {
        Lexicon lexicon = defaultLexicon;
        if (lexicon == null) {
            synchronized (Lexicon.class) {
                lexicon = defaultLexicon;
                if (lexicon == null) {
                    lexicon = LexiconFiles.loadDefault();
                    defaultLexicon = lexicon;
                }
            }
        }
        return lexicon;
    }

    /**
     * @return SHA-256 (hex, 16 characters) of every resource the default lexicon is built from, so a policy version
     *         changes when a list, a pattern or the allowlist does and cached verdicts are not reused across them
     * @throws IllegalStateException if a resource is missing
     */
    public static String classpathFingerprint() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String name : java.util.List.of(SURGE, LDNOOBW, OVERRIDES, VIOLENCE, SELF_HARM, HATE, PATTERNS,
                    ALLOWLIST)) {
                try (java.io.InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("lexicon resource missing: " + name);
                    }
                    sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(in.readAllBytes());
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the lexicon", e);
        }
    }

    /** @return a builder for a hand-made lexicon */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of distinct terms and phrases (after normalisation) */
    public int size() {
        return terms.size();
    }

    /** @return the number of terms with a non-zero severity in each category (every category present) */
    public Map<HarmCategory, Integer> termCounts() {
        EnumMap<HarmCategory, Integer> counts = new EnumMap<>(HarmCategory.class);
        for (HarmCategory c : HarmCategory.values()) {
            counts.put(c, 0);
        }
        for (Term t : terms.values()) {
            for (HarmCategory c : HarmCategory.values()) {
                if (t.severities[c.ordinal()] > 0) {
                    counts.merge(c, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * @param term a term or phrase as written; normalised like any text
     * @return its non-zero severities, empty if the lexicon does not hold it
     */
    public Optional<Map<HarmCategory, Integer>> severities(String term) {
        Term t = terms.get(String.join(" ", TextNormalizer.words(term)));
        return t == null ? Optional.empty() : Optional.of(t.severityMap());
    }

    /** @return the number of phrase patterns */
    public int patternCount() {
        return rules.size();
    }

    /** @return the number of allowlisted idioms (after expanding alternatives) */
    public int allowlistSize() {
        return allowlist.size();
    }

    Collection<Term> terms() {
        return terms.values();
    }

    List<Rule> rules() {
        return rules;
    }

    List<List<String>> allowlist() {
        return allowlist;
    }

    /** One normalised term or phrase. */
    static final class Term {
        final String key;
        final List<String> words;
        final int[] severities;
        final boolean canonical;

        Term(String key, List<String> words, int[] severities, boolean canonical) {
            this.key = key;
            this.words = words;
            this.severities = severities;
            this.canonical = canonical;
        }

        int maxSeverity() {
            int max = 0;
            for (int s : severities) {
                max = Math.max(max, s);
            }
            return max;
        }

        Map<HarmCategory, Integer> severityMap() {
            EnumMap<HarmCategory, Integer> map = new EnumMap<>(HarmCategory.class);
            for (HarmCategory c : HarmCategory.values()) {
                if (severities[c.ordinal()] > 0) {
                    map.put(c, severities[c.ordinal()]);
                }
            }
            return Collections.unmodifiableMap(map);
        }

        @Override
        public String toString() {
            return key + severityMap();
        }
    }

    /** One phrase pattern, run on the normalised text only around an occurrence of one of its trigger phrases. */
    static final class Rule {
        final String name;
        final int[] severities;
        final Set<List<String>> triggers;
        final Pattern pattern;

        Rule(String name, int[] severities, Set<List<String>> triggers, Pattern pattern) {
            this.name = name;
            this.severities = severities;
            this.triggers = triggers;
            this.pattern = pattern;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Builds a lexicon. Not thread-safe. */
    public static final class Builder {

        private final Map<String, MutableTerm> terms = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private final Set<List<String>> allowlist = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Adds a term, or raises its severity in the category if it is already there (the higher severity wins).
         *
         * @param category its harm category
         * @param severity 1-7 on Azure's scale
         * @param phrase a word or phrase as written
         * @return this builder
         */
        public Builder term(HarmCategory category, int severity, String phrase) {
            Objects.requireNonNull(category, "category");
            checkSeverity(severity, 1);
            List<String> words = wordsOf(phrase);
            MutableTerm t = terms.computeIfAbsent(String.join(" ", words), k -> new MutableTerm(words));
            t.severities[category.ordinal()] = Math.max(t.severities[category.ordinal()], severity);
            return this;
        }

        /**
         * Adds a phrase pattern.
         *
         * @param categories the categories it scores
         * @param severity 1-7
         * @param triggers words or phrases of which at least one must occur in the text for the pattern to run; it
         *        runs on the text from 12 words before to 8 words after the trigger; alternatives in parentheses are
         *        expanded as in {@link #allow(String)}
         * @param regex a {@link Pattern} run on the normalised text (lower case, words separated by one space, "."
         *        at sentence ends, "#" for allowlisted words)
         * @return this builder
         */
        public Builder pattern(Collection<HarmCategory> categories, int severity, Collection<String> triggers,
                String regex) {
            return pattern("pattern " + (rules.size() + 1), categories, severity, triggers, regex);
        }

        Builder pattern(String name, Collection<HarmCategory> categories, int severity, Collection<String> triggers,
                String regex) {
            checkSeverity(severity, 1);
            if (categories.isEmpty() || triggers.isEmpty()) {
                throw new IllegalArgumentException(name + ": needs categories and triggers");
            }
            int[] severities = new int[CATEGORIES];
            for (HarmCategory c : categories) {
                severities[c.ordinal()] = severity;
            }
            Set<List<String>> phrases = new LinkedHashSet<>();
            for (String trigger : triggers) {
                for (String expanded : expand(trigger)) {
                    List<String> w = TextNormalizer.words(expanded);
                    if (w.isEmpty()) {
                        throw new IllegalArgumentException(name + ": a trigger without words: " + trigger);
                    }
                    phrases.add(List.copyOf(w));
                }
            }
            rules.add(new Rule(name, severities, Set.copyOf(phrases), Pattern.compile(regex)));
            return this;
        }

        /**
         * Adds a benign idiom: a lexicon match lying wholly inside it is ignored, and the patterns see its words as
         * "#". Alternatives in parentheses are expanded: "shoot (us|me) (a|an)" adds four idioms.
         *
         * @param idiom the idiom as written
         * @return this builder
         */
        public Builder allow(String idiom) {
            for (String expanded : expand(idiom)) {
                List<String> words = TextNormalizer.words(expanded);
                if (!words.isEmpty()) {
                    allowlist.add(List.copyOf(words));
                }
            }
            return this;
        }

        /** @return the lexicon */
        public Lexicon build() {
            Map<String, Term> built = new LinkedHashMap<>();
            for (Map.Entry<String, MutableTerm> e : terms.entrySet()) {
                MutableTerm m = e.getValue();
                boolean any = false;
                for (int s : m.severities) {
                    any |= s > 0;
                }
                if (any) {
                    built.put(e.getKey(), new Term(e.getKey(), List.copyOf(m.words), m.severities.clone(),
                            m.canonical));
                }
            }
            return new Lexicon(Collections.unmodifiableMap(built), List.copyOf(rules), List.copyOf(allowlist));
        }

        // ---- for the resource loader ----

        boolean has(String key) {
            return terms.containsKey(key);
        }

        /** Puts a third-party term, replacing any existing one with the same normalised key. */
        void put(List<String> words, int[] severities, boolean canonical) {
            MutableTerm t = new MutableTerm(words);
            System.arraycopy(severities, 0, t.severities, 0, CATEGORIES);
            t.canonical = canonical;
            terms.put(String.join(" ", words), t);
        }

        /** Overrides a term: 0 removes it; with a category, that category alone; else every scored category. */
        void override(String phrase, int severity, HarmCategory category) {
            checkSeverity(severity, 0);
            String key = String.join(" ", wordsOf(phrase));
            MutableTerm t = terms.get(key);
            if (t == null) {
                throw new IllegalArgumentException("override of a term the lexicon does not hold: " + phrase);
            }
            if (severity == 0) {
                terms.remove(key);
            } else if (category != null) {
                Arrays.fill(t.severities, 0);
                t.severities[category.ordinal()] = severity;
            } else {
                for (int c = 0; c < CATEGORIES; c++) {
                    if (t.severities[c] > 0) {
                        t.severities[c] = severity;
                    }
                }
            }
        }

        private static List<String> wordsOf(String phrase) {
            List<String> words = TextNormalizer.words(Objects.requireNonNull(phrase, "phrase"));
            if (words.isEmpty()) {
                throw new IllegalArgumentException("no words in: " + phrase);
            }
            return words;
        }

        private static void checkSeverity(int severity, int min) {
            if (severity < min || severity > 7) {
                throw new IllegalArgumentException("severity must be " + min + "-7: " + severity);
            }
        }

        /** Expands "(a|b) c (d|e)" into "a c d", "a c e", "b c d", "b c e". */
        static List<String> expand(String idiom) {
            List<String> out = new ArrayList<>();
            int open = idiom.indexOf('(');
            if (open < 0) {
                out.add(idiom);
                return out;
            }
            int close = idiom.indexOf(')', open);
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced parentheses: " + idiom);
            }
            String head = idiom.substring(0, open);
            for (String tail : expand(idiom.substring(close + 1))) {
                for (String option : idiom.substring(open + 1, close).split("\\|", -1)) {
                    out.add(head + option + tail);
                }
            }
            return out;
        }
    }

    private static final class MutableTerm {
        final List<String> words;
        final int[] severities = new int[CATEGORIES];
        boolean canonical = true;

        MutableTerm(List<String> words) {
            this.words = words;
        }
    }

}
