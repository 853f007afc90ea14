package dev.cpo.safety.local;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A custom list of terms or phrases the business never wants in a variant, e.g. "banned-claims": "guaranteed
 * returns", "risk-free", "100% guaranteed"; or "competitors": their names. Entries are matched as whole words and
 * phrases with the same normalisation as the lexicon (case, accents, look-alike digits, spacing); a match is reported
 * as {@code <id>/<entry-id>}, the entry-id being the entry in lower case with every run of other characters turned
 * into one '-' (e.g. "banned-claims/guaranteed-returns", "banned-claims/100-guaranteed").
 *
 * @param id the list's id: letters, digits, '.', '_' or '-'
 * @param entries the terms and phrases; each must contain at least one letter or digit
 */
public record Blocklist(String id, List<String> entries) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    /** Checks the id and copies the entries. */
    public Blocklist {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("blocklist id must be letters, digits, '.', '_' or '-': " + id);
        }
        entries = List.copyOf(entries);
        for (String entry : entries) {
            if (TextNormalizer.words(entry).isEmpty() || TextNormalizer.idOf(entry).isEmpty()) {
                throw new IllegalArgumentException("blocklist " + id + " has an entry without words: " + entry);
            }
        }
    }

    /**
     * @param id the list's id
     * @param entries its terms and phrases
     * @return the blocklist
     */
    public static Blocklist of(String id, String... entries) {
        return new Blocklist(id, List.of(entries));
    }

    /**
     * @param entry one of the entries
     * @return what a match of it reports: {@code <id>/<entry-id>}
     */
    public String matchId(String entry) {
        return id + "/" + TextNormalizer.idOf(entry);
    }
}
