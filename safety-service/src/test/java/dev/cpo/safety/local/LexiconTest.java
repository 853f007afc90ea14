package dev.cpo.safety.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.HarmCategory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default lexicon, loaded from the classpath: this proves the build packaged the shared third-party lists into
 * {@code lexicon/third-party/} (the project's own lists alone hold a few hundred terms), and checks the mappings.
 */
class LexiconTest {

    private static final Lexicon LEXICON = Lexicon.fromClasspath();

    @Test
    void theThirdPartyListsArePackagedOnTheClasspath() {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(loader.getResource(Lexicon.SURGE)).isNotNull();
        assertThat(loader.getResource(Lexicon.LDNOOBW)).isNotNull();
        assertThat(LEXICON.size()).isGreaterThan(1_500);
    }

    @Test
    void everyCategoryHasTerms() {
        Map<HarmCategory, Integer> counts = LEXICON.termCounts();

        assertThat(counts).containsOnlyKeys(HarmCategory.values());
        assertThat(counts.get(HarmCategory.SEXUAL)).isGreaterThan(1_000);
        assertThat(counts.get(HarmCategory.HATE)).isGreaterThan(300);
        assertThat(counts.get(HarmCategory.VIOLENCE)).isGreaterThan(50);
        assertThat(counts.get(HarmCategory.SELF_HARM)).isGreaterThan(30);
        assertThat(LEXICON.patternCount()).isGreaterThanOrEqualTo(10);
        assertThat(LEXICON.allowlistSize()).isGreaterThan(50);
    }

    @Test
    void surgeSeveritiesMapToAzureLevels() {
        assertThat(LexiconFiles.surgeLevel("Mild", "1.2")).isEqualTo(2);
        assertThat(LexiconFiles.surgeLevel("Strong", "2")).isEqualTo(4);
        assertThat(LexiconFiles.surgeLevel("Severe", "2.8")).isEqualTo(6);
        assertThat(LexiconFiles.surgeLevel("", "1.4")).isEqualTo(2);
        assertThat(LexiconFiles.surgeLevel("", "2.4")).isEqualTo(4);
        assertThat(LexiconFiles.surgeLevel("", "2.6")).isEqualTo(6);
    }

    @Test
    void surgeCategoriesMapToHarmCategories() {
        int[] s = new int[HarmCategory.values().length];
        LexiconFiles.surgeCategory("racial / ethnic slurs", 6, s);
        LexiconFiles.surgeCategory("bodily fluids / excrement", 2, s);
        assertThat(s[HarmCategory.HATE.ordinal()]).isEqualTo(6);
        assertThat(s[HarmCategory.SEXUAL.ordinal()]).isEqualTo(2);

        int[] insult = new int[HarmCategory.values().length];
        LexiconFiles.surgeCategory("other / general insult", 4, insult);
        assertThat(insult[HarmCategory.HATE.ordinal()]).as("an insult is harassment, one level lower").isEqualTo(3);

        assertThatThrownBy(() -> LexiconFiles.surgeCategory("new category", 2, insult))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void knownSurgeTermsHaveTheirMappedSeverities() {
        // sexual anatomy / sexual acts, Strong -> SEXUAL 4
        assertThat(LEXICON.severities("fuck")).contains(Map.of(HarmCategory.SEXUAL, 4));
        // sexual anatomy, Severe -> SEXUAL 6
        assertThat(LEXICON.severities("cunt")).contains(Map.of(HarmCategory.SEXUAL, 6));
        // bodily fluids / excrement, Mild -> SEXUAL 2 (vulgar content)
        assertThat(LEXICON.severities("shit")).contains(Map.of(HarmCategory.SEXUAL, 2));
        // sexual orientation / gender, Severe -> HATE 6
        assertThat(LEXICON.severities("faggot")).contains(Map.of(HarmCategory.HATE, 6));
        // sexual orientation / gender, Mild -> HATE 2
        assertThat(LEXICON.severities("bitch")).contains(Map.of(HarmCategory.HATE, 2));
        // other / general insult, Mild -> HATE 1
        assertThat(LEXICON.severities("bastard")).contains(Map.of(HarmCategory.HATE, 1));
        // sexual anatomy + general insult, Severe -> SEXUAL 6 and HATE 5
        assertThat(LEXICON.severities("motherfucker"))
                .contains(Map.of(HarmCategory.SEXUAL, 6, HarmCategory.HATE, 5));
        // "asshole" is Mild; its obfuscated spellings ("@sshole", "asshol3") are Strong: the plain spelling wins
        assertThat(LEXICON.severities("asshole")).contains(Map.of(HarmCategory.SEXUAL, 2));
        // obfuscated spellings normalise to the same term
        assertThat(LEXICON.severities("5h1t")).isEqualTo(LEXICON.severities("shit"));
    }

    @Test
    void ldnoobwTermsAreSexualMediumUnlessSurgeRatesThem() {
        assertThat(LEXICON.severities("bukkake")).contains(Map.of(HarmCategory.SEXUAL, 4));
        // in both lists: Surge's rating wins
        assertThat(LEXICON.severities("blowjob")).contains(Map.of(HarmCategory.SEXUAL, 2));
        // LDNOOBW's "rape" (SEXUAL 4) merged with this project's violence list (VIOLENCE 4)
        assertThat(LEXICON.severities("rape")).contains(Map.of(HarmCategory.SEXUAL, 4, HarmCategory.VIOLENCE, 4));
    }

    @Test
    void overridesRemoveOrdinaryWordsAndRecategorise() {
        for (String ordinary : new String[]{"sheet", "finger", "sack", "nut butter", "knickers", "tongue in a",
                "strap on", "69", "sixty-nine", "how to kill"}) {
            assertThat(LEXICON.severities(ordinary)).as(ordinary).isEmpty();
        }
        assertThat(LEXICON.severities("white power")).contains(Map.of(HarmCategory.HATE, 6));
        assertThat(LEXICON.severities("sexy")).contains(Map.of(HarmCategory.SEXUAL, 2));
    }

    @Test
    void theProjectsOwnListsAreLoaded() {
        assertThat(LEXICON.severities("kill yourself")).contains(Map.of(HarmCategory.SELF_HARM, 6));
        assertThat(LEXICON.severities("KYS")).contains(Map.of(HarmCategory.SELF_HARM, 6));
        assertThat(LEXICON.severities("I'll kill you")).contains(Map.of(HarmCategory.VIOLENCE, 6));
        assertThat(LEXICON.severities("behead")).contains(Map.of(HarmCategory.VIOLENCE, 4));
        assertThat(LEXICON.severities("sieg heil")).contains(Map.of(HarmCategory.HATE, 6));
    }

    @Test
    void theBuilderMergesByTheHigherSeverityAndExpandsAlternatives() {
        Lexicon lexicon = Lexicon.builder().term(HarmCategory.VIOLENCE, 3, "Stab").term(HarmCategory.VIOLENCE, 5,
                "stab").term(HarmCategory.HATE, 2, "stab").allow("shoot (us|me) (a|an)").build();

        assertThat(lexicon.size()).isEqualTo(1);
        assertThat(lexicon.severities("STAB")).contains(Map.of(HarmCategory.VIOLENCE, 5, HarmCategory.HATE, 2));
        assertThat(lexicon.allowlistSize()).isEqualTo(4);
        assertThatThrownBy(() -> Lexicon.builder().term(HarmCategory.HATE, 8, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
