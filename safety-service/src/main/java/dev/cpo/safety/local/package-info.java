/**
 * The local screener: {@link dev.cpo.safety.local.LocalScreener} (provider "local-rules"), no network and no model,
 * Azure AI Content Safety compatible (categories Hate, SelfHarm, Sexual, Violence; severities on Azure's 0-7 scale).
 *
 * <h2>Sources of the {@link dev.cpo.safety.local.Lexicon}</h2>
 * <ol>
 * <li>{@code lexicon/third-party/surge_profanity_en.csv}: Surge AI's profanity list (MIT, 2021), 1,598 terms.</li>
 * <li>{@code lexicon/third-party/ldnoobw_en.txt}: the LDNOOBW list (CC BY 4.0), 403 terms.</li>
 * <li>{@code lexicon/overrides_en.txt}: corrections of the two (ordinary words removed, severities lowered,
 * categories fixed).</li>
 * <li>{@code lexicon/violence_en.txt}, {@code self_harm_en.txt}, {@code hate_phrases_en.txt}: this project's own
 * lists (the third-party lists cover sexual terms, slurs and insults only).</li>
 * <li>{@code lexicon/patterns_en.txt}: regular expressions for threats, self-harm encouragement and group hate.</li>
 * <li>{@code lexicon/allowlist_en.txt}: benign idioms.</li>
 * </ol>
 * The two third-party files are not in the repository: the build copies them from {@code shared/data} into the jar
 * (safety-service/pom.xml, {@code <build><resources>}); attribution in safety-service/NOTICE.
 *
 * <h2>Mappings of the Surge AI list</h2>
 * Severity: Mild (ratings 1-1.4) is 2 (low), Strong (1.6-2.4) is 4 (medium), Severe (2.6-3) is 6 (high). Categories:
 * <ul>
 * <li>sexual anatomy / sexual acts, bodily fluids / excrement: SEXUAL at that severity (Azure counts vulgar content as
 * Sexual);</li>
 * <li>racial / ethnic slurs, religious offense, sexual orientation / gender, mental disability, physical disability,
 * physical attributes, political: HATE at that severity (attacks on an identity group);</li>
 * <li>other / general insult, animal references: HATE one level lower (1, 3, 5): harassment, which Azure counts as
 * Hate, without an identity group.</li>
 * </ul>
 * A term with several categories scores each; spellings that normalise alike merge, the plain spelling's rating
 * winning over its obfuscated variants ("asshole" Mild, not "@sshole" Strong). LDNOOBW terms are SEXUAL 4 unless
 * Surge rates the same term, in which case Surge's mapping wins. Terms made of digits only ("69") are dropped: prices.
 * The overrides then remove ordinary words of retail and outdoor copy ("sheet", "sack", "finger", "knickers", "tongue
 * in a", "strap on"), lower mild senses ("sexy" 2, "nude" 1) and recategorise ("white power" HATE 6, "jailbait"
 * SEXUAL 6). The own lists merge with the highest severity per category.
 *
 * <h2>Matching</h2>
 * Normalisation ({@link dev.cpo.safety.local.TextNormalizer}): lower case, NFKD without diacritics, look-alike
 * letters and digits (0 o, 1 i/l, 3 e, 4 a, 5 s, 7 t, @ a, $ s, ! i/l, + t), masks ("f*ck"), spelled-out words
 * ("f.u.c.k", "f u c k"), stretched letters ("fuuuck"). Terms match whole words and phrases only, never inside a word:
 * "Scunthorpe", "Essex", "assess", "classic", "grape", "therapist", "cocktail", "Dickens", "shiitake" pass. Phrases
 * and patterns never cross a sentence end. A category's severity is the highest of its matches, 0 without match;
 * three or more distinct matches of severity 2 or more in one category raise it to at least 4. The result always
 * holds all four categories.
 *
 * <h2>Allowlist</h2>
 * Marketing copy is full of violent idioms: "killer deal", "to die for", "drop-dead gorgeous", "blow-out sale", "have
 * a stab at it", "shoot us an email", "bomb-proof jacket", "hang yourself a hammock". Single words stay low in the
 * own lists (violent words 2-3), so most idioms never reach the block threshold, and the allowlist neutralises the
 * rest in context: a lexicon match lying wholly inside an allowlisted idiom is ignored, and the patterns see the
 * idiom's words as "#". Words outside the idiom are still screened ("a deal to die for. I will kill you" is blocked;
 * "you deserve to die for this" is caught because "you deserve to die" reaches outside "to die for"). Blocklists
 * ignore the allowlist.
 *
 * <h2>File formats</h2>
 * Each file starts with a comment describing its format. Own lists: {@code severity<TAB>term or phrase}. Overrides:
 * {@code severity<TAB>term[<TAB>CATEGORY]}, 0 removing the term. Patterns: {@code CATEGORIES<TAB>severity<TAB>trigger
 * phrases<TAB>regex}, plus {@code @define NAME fragment}. Allowlist: one idiom per line. Alternatives in parentheses
 * are expanded in trigger phrases and idioms: "shoot (us|me) (a|an)".
 *
 * <h2>Performance</h2>
 * Everything is precompiled when the screener is built: one hash index from each normalised word to the phrase tries
 * of the lexicon, the allowlist, the blocklists and the patterns' trigger phrases; masked and joined forms in two more
 * hash maps. One call tokenises once and does about one hash lookup per word; a pattern runs only around one of its
 * trigger phrases (12 words before to 8 after), so clean copy runs no regular expression at all. Benchmark:
 * {@code src/test/java/dev/cpo/safety/bench/ScreenerBenchmark.java}.
 */
package dev.cpo.safety.local;
