package dev.cpo.safety.local;

import dev.cpo.events.HarmCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the lexicon's resource files into a {@link Lexicon.Builder}; formats in {@code package-info}. */
final class LexiconFiles {

    private static final int CATEGORIES = HarmCategory.values().length;

    private LexiconFiles() {
    }

    static Lexicon loadDefault() {
        Lexicon.Builder b = Lexicon.builder();
        read(Lexicon.SURGE, r -> surge(r, b));
        read(Lexicon.LDNOOBW, r -> ldnoobw(r, b));
        read(Lexicon.OVERRIDES, r -> overrides(r, b));
        read(Lexicon.VIOLENCE, r -> ownList(r, HarmCategory.VIOLENCE, b));
        read(Lexicon.SELF_HARM, r -> ownList(r, HarmCategory.SELF_HARM, b));
        read(Lexicon.HATE, r -> ownList(r, HarmCategory.HATE, b));
        read(Lexicon.PATTERNS, r -> patterns(r, b));
        read(Lexicon.ALLOWLIST, r -> allowlist(r, b));
        return b.build();
    }

    // ---- Surge AI profanity list (MIT) ----

    /**
     * Azure level of Surge's severity: Mild (ratings 1-1.4) 2 = low, Strong (1.6-2.4) 4 = medium, Severe (2.6-3) 6 =
     * high.
     */
    static int surgeLevel(String description, String rating) {
        switch (description.trim().toLowerCase(Locale.ROOT)) {
            case "mild" :
                return 2;
            case "strong" :
                return 4;
            case "severe" :
                return 6;
            default :
                double r = Double.parseDouble(rating.trim());
                return r < 1.5 ? 2 : r < 2.5 ? 4 : 6;
        }
    }

    /**
     * Adds Surge's category at the given level to the severities. Identity-group categories score HATE at the
     * level; sexual anatomy and bodily fluids (vulgar content, which Azure counts as Sexual) score SEXUAL at the
     * level; general insults and animal references, harassment without an identity group, score HATE one level
     * lower.
     *
     * @throws IllegalStateException for a category this mapping does not know (a changed file must be reviewed)
     */
    static void surgeCategory(String category, int level, int[] severities) {
        HarmCategory target;
        int severity = level;
        switch (category.trim()) {
            case "" :
                return;
            case "sexual anatomy / sexual acts" :
            case "bodily fluids / excrement" :
                target = HarmCategory.SEXUAL;
                break;
            case "racial / ethnic slurs" :
            case "religious offense" :
            case "sexual orientation / gender" :
            case "mental disability" :
            case "physical disability" :
            case "physical attributes" :
            case "political" :
                target = HarmCategory.HATE;
                break;
            case "other / general insult" :
            case "animal references" :
                target = HarmCategory.HATE;
                severity = level - 1;
                break;
            default :
                throw new IllegalStateException("unmapped Surge category: " + category);
        }
        severities[target.ordinal()] = Math.max(severities[target.ordinal()], severity);
    }

    private static final class SurgeRow {
        final int[] severities = new int[CATEGORIES];
        boolean plain;
        boolean canonical;
    }

    static void surge(BufferedReader r, Lexicon.Builder b) throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new IllegalStateException("empty Surge file");
        }
        List<String> columns = Arrays.asList(header.replace("\uFEFF", "").split(",", -1));
        int text = column(columns, "text");
        int[] canonical = {column(columns, "canonical_form_1"), column(columns, "canonical_form_2"),
                column(columns, "canonical_form_3")};
        int[] category = {column(columns, "category_1"), column(columns, "category_2"),
                column(columns, "category_3")};
        int rating = column(columns, "severity_rating");
        int description = column(columns, "severity_description");
        Map<String, List<SurgeRow>> byKey = new LinkedHashMap<>();
        Map<String, List<String>> words = new HashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != columns.size()) {
                throw new IllegalStateException("Surge row with " + f.length + " fields: " + line);
            }
            List<String> w = TextNormalizer.words(f[text]);
            if (w.isEmpty() || allDigits(w)) {
                continue;
            }
            String key = String.join(" ", w);
            SurgeRow row = new SurgeRow();
            int level = surgeLevel(f[description], f[rating]);
            for (int c : category) {
                surgeCategory(f[c], level, row.severities);
            }
            row.plain = isPlain(f[text]);
            for (int c : canonical) {
                if (!f[c].isBlank() && key.equals(String.join(" ", TextNormalizer.words(f[c])))) {
                    row.canonical = true;
                }
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            words.put(key, w);
        }
        for (Map.Entry<String, List<SurgeRow>> e : byKey.entrySet()) {
            // Several spellings may normalise alike ("sh1t", "5h1t", "shit"): the plain spelling's rating wins, then
            // the highest.
            boolean anyPlain = e.getValue().stream().anyMatch(x -> x.plain);
            int[] severities = new int[CATEGORIES];
            boolean isCanonical = false;
            for (SurgeRow row : e.getValue()) {
                isCanonical |= row.canonical;
                if (row.plain || !anyPlain) {
                    for (int c = 0; c < CATEGORIES; c++) {
                        severities[c] = Math.max(severities[c], row.severities[c]);
                    }
                }
            }
            b.put(words.get(e.getKey()), severities, isCanonical);
        }
    }

    /** @return whether the spelling has no digits and no substitution or mask symbols */
    private static boolean isPlain(String spelling) {
        for (int i = 0; i < spelling.length(); i++) {
            char c = spelling.charAt(i);
            if (Character.isDigit(c) || "@$!+*#|\uFF01".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static int column(List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("Surge file without column " + name);
        }
        return i;
    }

    // ---- LDNOOBW list (CC BY 4.0) ----

    /** SEXUAL 4 (medium) for every term Surge does not already rate. */
    static void ldnoobw(BufferedReader r, Lexicon.Builder b) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            List<String> w = TextNormalizer.words(line.trim());
            if (w.isEmpty() || allDigits(w) || b.has(String.join(" ", w))) {
                continue;
            }
            int[] severities = new int[CATEGORIES];
            severities[HarmCategory.SEXUAL.ordinal()] = 4;
            b.put(w, severities, true);
        }
    }

    // ---- this project's files ----

    /** {@code severity<TAB>term[<TAB>CATEGORY]} */
    static void overrides(BufferedReader r, Lexicon.Builder b) throws IOException {
        int n = 0;
        String line;
        while ((line = r.readLine()) != null) {
            n++;
            if (skip(line)) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 2 || f.length > 3) {
                throw malformed(Lexicon.OVERRIDES, n, line);
            }
            HarmCategory category = f.length == 3 ? HarmCategory.valueOf(f[2].trim()) : null;
            b.override(f[1].trim(), Integer.parseInt(f[0].trim()), category);
        }
    }

    /** {@code severity<TAB>term or phrase} */
    static void ownList(BufferedReader r, HarmCategory category, Lexicon.Builder b) throws IOException {
        int n = 0;
        String line;
        while ((line = r.readLine()) != null) {
            n++;
            if (skip(line)) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 2) {
                throw malformed(category + " list", n, line);
            }
            b.term(category, Integer.parseInt(f[0].trim()), f[1].trim());
        }
    }

    /** {@code @define NAME fragment} or {@code CATEGORIES<TAB>severity<TAB>triggers<TAB>regex} */
    static void patterns(BufferedReader r, Lexicon.Builder b) throws IOException {
        Map<String, String> defines = new LinkedHashMap<>();
        int n = 0;
        String line;
        while ((line = r.readLine()) != null) {
            n++;
            if (skip(line)) {
                continue;
            }
            if (line.startsWith("@define")) {
                String[] f = line.trim().split("\\s+", 3);
                if (f.length != 3) {
                    throw malformed(Lexicon.PATTERNS, n, line);
                }
                defines.put(f[1], substitute(f[2], defines));
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw malformed(Lexicon.PATTERNS, n, line);
            }
            List<HarmCategory> categories = new ArrayList<>();
            for (String c : f[0].split(",")) {
                categories.add(HarmCategory.valueOf(c.trim()));
            }
            List<String> triggers = new ArrayList<>();
            for (String t : f[2].split(",")) {
                if (!t.isBlank()) {
                    triggers.add(t.trim());
                }
            }
            b.pattern("patterns_en.txt:" + n, categories, Integer.parseInt(f[1].trim()), triggers,
                    substitute(f[3].trim(), defines));
        }
    }

    /** One idiom per line, alternatives in parentheses. */
    static void allowlist(BufferedReader r, Lexicon.Builder b) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (!skip(line)) {
                b.allow(line.trim());
            }
        }
    }

    private static String substitute(String regex, Map<String, String> defines) {
        String out = regex;
        for (Map.Entry<String, String> d : defines.entrySet()) {
            out = out.replace("{" + d.getKey() + "}", d.getValue());
        }
        return out;
    }

    private static boolean skip(String line) {
        String t = line.trim();
        return t.isEmpty() || t.startsWith("#");
    }

    private static boolean allDigits(List<String> words) {
        for (String w : words) {
            for (int i = 0; i < w.length(); i++) {
                if (!Character.isDigit(w.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static IllegalStateException malformed(String file, int line, String text) {
        return new IllegalStateException(file + " line " + line + " is malformed: " + text);
    }

    private interface Body {
        void read(BufferedReader r) throws IOException;
    }

    private static void read(String resource, Body body) {
        ClassLoader loader = LexiconFiles.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lexicon resource missing from the classpath: " + resource
                        + (resource.contains("third-party")
                                ? " (packaged from shared/data at build time, see safety-service/pom.xml)"
                                : ""));
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            body.read(new BufferedReader(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }
}
