package dev.cpo.safety.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.HarmCategory;
import dev.cpo.safety.screen.ScreenResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local screener on the default lexicon: harmful texts are caught in the right category, obfuscated or not;
 * ordinary marketing copy and the whole approved corpus pass with no match at all; blocklists match whole phrases.
 *
 * <p>The harmful texts below were written for this test and contain slurs, threats and explicit language on purpose.
 */
class LocalScreenerTest {

    /** The default policy blocks at this severity (Azure's Medium). */
    private static final int BLOCK = 4;
    private static final Path CORPUS = Path.of("../retrieval-service/src/main/resources/corpus");

    private static final List<Blocklist> BLOCKLISTS = List.of(
            Blocklist.of("banned-claims", "guaranteed returns", "risk-free", "100% guaranteed"),
            Blocklist.of("competitors", "Go Outdoors", "Cotswold Outdoor", "Millets"));

    private static final LocalScreener SCREENER = new LocalScreener(Lexicon.fromClasspath(), BLOCKLISTS);

    // ---- harmful texts, per category ----

    static Stream<Arguments> harmful() {
        return Stream.of(
                // Hate: slurs and abuse against a group
                Arguments.of(HarmCategory.HATE, "Those wetbacks are vermin and should go back where they came from."),
                Arguments.of(HarmCategory.HATE, "All immigrants are vermin and should be deported."),
                Arguments.of(HarmCategory.HATE, "You stupid faggot, nobody wants your kind here."),
                Arguments.of(HarmCategory.HATE, "Go back to your own country, you filthy paki."),
                Arguments.of(HarmCategory.HATE, "Kill all the jews."),
                Arguments.of(HarmCategory.HATE, "White power! Heil Hitler!"),
                // Violence: threats and mass violence
                Arguments.of(HarmCategory.VIOLENCE, "I will kill you and your family."),
                Arguments.of(HarmCategory.VIOLENCE, "I'm going to shoot up the school tomorrow."),
                Arguments.of(HarmCategory.VIOLENCE, "We know where you live. Watch your back."),
                Arguments.of(HarmCategory.VIOLENCE, "Say that again and I'll slit your throat."),
                Arguments.of(HarmCategory.VIOLENCE, "Here is how to make a pipe bomb at home."),
                Arguments.of(HarmCategory.VIOLENCE, "We'll hunt you down and murder you."),
                // Self-harm: encouragement and methods
                Arguments.of(HarmCategory.SELF_HARM, "You should kill yourself."),
                Arguments.of(HarmCategory.SELF_HARM, "kys"),
                Arguments.of(HarmCategory.SELF_HARM, "Nobody would miss you, just go hang yourself."),
                Arguments.of(HarmCategory.SELF_HARM, "Why don't you cut yourself again?"),
                Arguments.of(HarmCategory.SELF_HARM, "Thinspo tip: starve yourself before summer."),
                Arguments.of(HarmCategory.SELF_HARM, "Here are the best suicide methods."),
                // Sexual: explicit content
                Arguments.of(HarmCategory.SEXUAL, "Horny singles near you want to fuck tonight."),
                Arguments.of(HarmCategory.SEXUAL, "Send nudes and suck my dick."),
                Arguments.of(HarmCategory.SEXUAL, "Free porn: anal, blowjobs and creampie videos, click here."),
                Arguments.of(HarmCategory.SEXUAL, "Show me your pussy, your tits and your ass all night long."));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("harmful")
    void harmfulTextIsAtLeastMediumInItsCategory(HarmCategory category, String text) {
        ScreenResult result = SCREENER.screen(text);

        assertThat(result.complete()).isTrue();
        assertThat(result.severities().get(category)).as("%s of %s: %s", category, text, SCREENER.explain(text))
                .isGreaterThanOrEqualTo(BLOCK);
    }

    static Stream<Arguments> obfuscated() {
        return Stream.of(
                Arguments.of(HarmCategory.SELF_HARM, "k1ll y0urself"),
                Arguments.of(HarmCategory.SELF_HARM, "ki11 yourself"),
                Arguments.of(HarmCategory.SELF_HARM, "K I L L   Y O U R S E L F"),
                Arguments.of(HarmCategory.SELF_HARM, "k.i.l.l yourself"),
                Arguments.of(HarmCategory.SELF_HARM, "YOU SHOULD KILL YOURSELF!!!"),
                Arguments.of(HarmCategory.SELF_HARM, "Kill... yourself."),
                Arguments.of(HarmCategory.SELF_HARM, "K.Y.S"),
                Arguments.of(HarmCategory.SELF_HARM, "u should k1ll urself"),
                Arguments.of(HarmCategory.VIOLENCE, "I WILL K!LL Y0U"),
                Arguments.of(HarmCategory.VIOLENCE, "i'm gonna m u r d e r you"),
                Arguments.of(HarmCategory.SEXUAL, "f.u.c.k off"),
                Arguments.of(HarmCategory.SEXUAL, "f u c k this sale"),
                Arguments.of(HarmCategory.SEXUAL, "f-u-c-k"),
                Arguments.of(HarmCategory.SEXUAL, "F*CK THIS"),
                Arguments.of(HarmCategory.SEXUAL, "what the f**k"),
                Arguments.of(HarmCategory.SEXUAL, "fuuuuuuck"),
                Arguments.of(HarmCategory.SEXUAL, "FÜCK"),
                // Cyrillic "с" in the middle
                Arguments.of(HarmCategory.SEXUAL, "fu\u0441k"),
                Arguments.of(HarmCategory.SEXUAL, "c u n t"),
                Arguments.of(HarmCategory.SEXUAL, "\"m0therf*cker\""),
                Arguments.of(HarmCategory.HATE, "f@ggot"),
                Arguments.of(HarmCategory.HATE, "W.H.I.T.E P.O.W.E.R"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("obfuscated")
    void obfuscationsAreStillCaught(HarmCategory category, String text) {
        assertThat(SCREENER.screen(text).severities().get(category))
                .as("%s of %s: %s", category, text, SCREENER.explain(text)).isGreaterThanOrEqualTo(BLOCK);
    }

    // ---- ordinary marketing copy ----

    @ParameterizedTest
    @ValueSource(strings = {"Grab a killer deal on waterproof jackets.", "Killer deals all weekend!",
            "Visit our new store near Scunthorpe.", "Free delivery across Essex, Sussex and Middlesex.",
            "A classic shape that never dates.", "Book your free boot-fit assessment in store.",
            "Assess the conditions before you set off.", "Boots to die for, at prices you will love.",
            "A deal to die for.", "Drop-dead gorgeous colours for spring.", "Our blow-out sale starts Friday.",
            "Questions? Shoot us an email.", "We'll shoot you an email when your order ships.",
            "Cocktail hour at the Keswick members' evening.", "A Dickens of a Christmas: gifts for every walker.",
            "Shiitake and shitake mushrooms on our foraging walk.", "Grape-coloured fleece, £35.",
            "Talk to our therapist-approved posture team.", "A bomb-proof jacket for Scottish winters.",
            "Have a stab at our Christmas quiz.", "Dressed to kill in the new Summit parka.",
            "Walks around Penistone, Cockermouth and Clitheroe.", "Size S, M, L, XL: all £69.",
            "Careful not to cut yourself on the new folding knife.", "Hang yourself a hammock between two pines.",
            "Treat yourself to something new this season.", "Cut yourself a slice of cake at our café.",
            "Don't kill yourself on the climb: take the e-bike.", "Bath bombs make a great stocking filler.",
            "Prices shoot up on Monday, so buy now.", "Kill two birds with one stone: boots and socks bundle.",
            "Spotted a blue tit and a great tit on the Trail Club bird walk.", "Hoar frost on the fells this morning.",
            "Stuff sacks, dry bags and a free groundsheet.", "The Offa's Dyke Path in three days.",
            "Knickerbocker glory of a sale!", "Nut butter snack packs for the trail.",
            "Gusseted crotch for freedom on the scramble.", "Fingerless gloves with touchscreen fingertips.",
            "Spooky savings this Halloween.", "The analysis is in: our customers love the Ridgeline 3."})
    void marketingCopyHasNoMatchAtAll(String text) {
        ScreenResult result = SCREENER.screen(text);

        assertThat(result.complete()).isTrue();
        assertThat(result.severities()).as("%s: %s", text, SCREENER.explain(text)).allSatisfy((c, s) -> {
            assertThat(s).isZero();
        });
        assertThat(result.blocklistMatches()).isEmpty();
    }

    static Stream<String> fernhillEmails() {
        return Stream.of("""
                Subject: Black Friday starts now at Fernhill Outfitters

                Hi Sam,

                Our biggest sale of the year is here. From 10 am on Friday 27 November until Monday 30 November you can
                save up to 30% on waterproof jackets, walking boots, tents and sleeping bags. The Ridgeline 3 tent, our
                best-selling three-season shelter, is down to £179, and the Storm Pro jacket with fully taped seams is
                just £99. Stocks are limited, so don't wait too long. See you on the trail!
                """, """
                Subject: Your Trail Club voucher is waiting

                Hello Priya, you have 1,250 Trail Club points, worth £12.50 off your next order, and a £10 voucher that
                expires on 31 December. Treat yourself to a new pair of merino socks or pick up a gift for the walker in
                your life. Silver members get free standard delivery on every order.
                """, """
                Subject: Killer deals on winter boots

                Winter is coming to the fells. Our Summit GTX boots are a killer deal at £129 (were £165): waterproof,
                grippy on wet rock and comfortable from the first mile. Try them on in Keswick, Manchester, Bristol or
                Edinburgh, or order online with free returns within 60 days.
                """, """
                Subject: Order by Thursday 17 December for Christmas delivery

                Standard delivery by Thursday 17 December, next-day delivery by 8 pm on Tuesday 22 December and Click &
                Collect until 2 pm on Wednesday 23 December. Gifts bought now can be returned until 31 January 2027.
                Questions? Shoot us an email and we'll get back to you within a day.
                """, """
                Subject: Drop-dead gorgeous colours for spring

                The new Lakeland softshell comes in five colours, from heather to slate, and packs into its own pocket.
                It is the jacket to die for this spring: breathable on the climb, windproof on the summit, and only
                £89 for Trail Club members.
                """, """
                Subject: Camping season is here

                Our autumn camping clearance has up to 50% off tents, stoves and sleeping mats. The two-person
                Ridgeline 2 weighs just 1.6 kg, pitches in five minutes and comes with a free footprint groundsheet.
                Pack a head torch, a gas canister and a stuff sack for your sleeping bag and you are ready to go.
                """, """
                Subject: We miss you

                It has been a while! Come back to Fernhill and take an extra 20% off full-price jackets, boots and
                backpacks with the code COMEBACK20 until 31 October. Standard delivery is free on orders over £50.
                """, """
                Subject: Blow-out sale: last chance

                The blow-out sale ends at midnight. Grab a bomb-proof waterproof for Scottish winters, trekking poles
                from £25 and kids' wellies from £15. Prices shoot up again tomorrow, so don't miss out.
                """, """
                Subject: Join us for the Keswick members' evening

                Trail Club Gold and Silver members are invited to an evening of talks, mulled apple juice and a
                cocktail of exclusive offers on Thursday 3 December from 6 pm. Our guides will share their favourite
                winter walks, from Catbells to the Offa's Dyke Path, and give you a free boot-fit assessment.
                """, """
                Subject: Your order has shipped

                Good news, Alex: your Storm Pro jacket and two pairs of merino socks are on their way with our courier
                and should arrive in 2 to 4 working days. You can track your parcel from your account. Not quite right?
                Returns are free within 60 days, or 90 days for Trail Club members.
                """, """
                Subject: Have a stab at our winter quiz

                Have a stab at our winter quiz and you could win a £100 gift card. Ten questions about the Lake
                District, the Cairngorms and the best way to keep your feet dry. Entries close on Sunday; one lucky
                winner is drawn on Monday and announced in our newsletter.
                """, """
                Subject: Refer a friend, get £10

                Share your referral link with a friend who loves the outdoors. When they place their first order of
                £50 or more, you both get a £10 voucher. There is no limit, so the more friends you bring to the trail,
                the more you save. Kill two birds with one stone: new boots for them, a voucher for you.
                """, """
                Subject: Birthday treat inside

                Happy birthday from everyone at Fernhill Outfitters! Your birthday voucher is ready: £20 for Gold,
                £10 for Silver and £5 for Bronze members. It is valid for 30 days online and in store, with no minimum
                spend. Treat yourself to something for your next adventure.
                """);
    }

    @ParameterizedTest
    @MethodSource("fernhillEmails")
    void fernhillEmailsHaveNoMatchAtAll(String email) {
        ScreenResult result = SCREENER.screen(email);

        assertThat(result.severities()).as(SCREENER.explain(email).toString()).containsOnlyKeys(
                HarmCategory.values()).allSatisfy((c, s) -> assertThat(s).isZero());
        assertThat(result.blocklistMatches()).isEmpty();
    }

    @Test
    void everyParagraphOfTheApprovedCorpusHasNoMatchAtAll() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> paragraphs = new ArrayList<>();
        int documents = 0;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode doc = json.readTree(file.toFile());
                if (!doc.has("paragraphs")) {
                    continue; // the index and the JSON schema
                }
                documents++;
                StringBuilder whole = new StringBuilder(doc.path("title").asText());
                for (JsonNode p : doc.get("paragraphs")) {
                    paragraphs.add(p.asText());
                    whole.append('\n').append(p.asText());
                }
                paragraphs.add(whole.toString());
            }
        }
        assertThat(documents).isGreaterThanOrEqualTo(40);

        for (String paragraph : paragraphs) {
            ScreenResult result = SCREENER.screen(paragraph);
            assertThat(result.complete()).isTrue();
            assertThat(SCREENER.explain(paragraph)).as(paragraph).isEmpty();
            assertThat(result.severities()).as(paragraph).allSatisfy((c, s) -> assertThat(s).isZero());
        }
    }

    // ---- allowlist, pile-up, boundaries ----

    @Test
    void anIdiomNeutralisesOnlyTheWordsInsideIt() {
        assertThat(SCREENER.screen("Drop-dead gorgeous boots.").severities()).allSatisfy((c, s) -> {
            assertThat(s).isZero();
        });
        assertThat(SCREENER.screen("Drop dead.").severities().get(HarmCategory.VIOLENCE)).isPositive();
        assertThat(SCREENER.screen("A deal to die for. I will kill you.").severities().get(HarmCategory.VIOLENCE))
                .isGreaterThanOrEqualTo(BLOCK);
        assertThat(SCREENER.screen("You deserve to die for this.").severities().get(HarmCategory.SELF_HARM))
                .isGreaterThanOrEqualTo(BLOCK);
        assertThat(SCREENER.screen("Just cut yourself, nobody cares.").severities().get(HarmCategory.SELF_HARM))
                .isGreaterThanOrEqualTo(BLOCK);
    }

    @Test
    void severalMildTermsTogetherAreMedium() {
        assertThat(SCREENER.screen("Nice tits.").severities().get(HarmCategory.SEXUAL)).isEqualTo(2);
        assertThat(SCREENER.screen("Nice tits, nice ass, nice cock.").severities().get(HarmCategory.SEXUAL))
                .isEqualTo(4);
    }

    @Test
    void phrasesDoNotCrossSentenceEnds() {
        assertThat(SCREENER.screen("Sign up and we will. Kill you? No, we will not.").severities()
                .get(HarmCategory.VIOLENCE)).isLessThan(BLOCK);
    }

    // ---- blocklists ----

    @Test
    void blocklistEntriesMatchWholePhrasesWithTheSameNormalisation() {
        assertThat(SCREENER.screen("Guaranteed returns!").blocklistMatches())
                .containsExactly("banned-claims/guaranteed-returns");
        assertThat(SCREENER.screen("GUARANTEED   RETURNS on every fund").blocklistMatches())
                .containsExactly("banned-claims/guaranteed-returns");
        assertThat(SCREENER.screen("Guaranteed-returns, risk free and 100 % guaranteed.").blocklistMatches())
                .containsExactly("banned-claims/guaranteed-returns", "banned-claims/risk-free",
                        "banned-claims/100-guaranteed");
        assertThat(SCREENER.screen("Cheaper than Go Outdoors or Millets!").blocklistMatches())
                .containsExactly("competitors/go-outdoors", "competitors/millets");
    }

    @Test
    void blocklistEntriesDoNotMatchOtherPhrases() {
        assertThat(SCREENER.screen("Guaranteed delivery before Christmas.").blocklistMatches()).isEmpty();
        assertThat(SCREENER.screen("Free returns, guaranteed.").blocklistMatches()).isEmpty();
        assertThat(SCREENER.screen("Going outdoors this weekend? Risk assessments are free.").blocklistMatches())
                .isEmpty();
        assertThat(SCREENER.screen("Guaranteed returns!").severities()).allSatisfy((c, s) -> assertThat(s).isZero());
    }

    @Test
    void aBlocklistIdMustBeIdSafeAndEveryEntryNeedsAWord() {
        assertThatThrownBy(() -> Blocklist.of("banned claims", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Blocklist.of("banned-claims", "!!!")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Blocklist.of("banned-claims", "x").matchId("100% Guaranteed!"))
                .isEqualTo("banned-claims/100-guaranteed");
    }

    // ---- contract ----

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n", "£££ 100%", "Hello", "kys", "🖕", "... !!! ???"})
    void theResultIsAlwaysComplete(String text) {
        ScreenResult result = SCREENER.screen(text);

        assertThat(result.complete()).isTrue();
        assertThat(result.severities()).containsOnlyKeys(HarmCategory.values());
        assertThat(result.severities().values()).allSatisfy(s -> assertThat(s).isBetween(0, 7));
    }

    @Test
    void theProviderIsLocalRules() {
        assertThat(new LocalScreener().provider()).isEqualTo("local-rules");
    }

    @Test
    void aHandMadeLexiconIsUsedAsGiven() {
        Lexicon lexicon = Lexicon.builder().term(HarmCategory.VIOLENCE, 5, "frobnicate the widget")
                .allow("frobnicate the widget gently").build();
        LocalScreener screener = new LocalScreener(lexicon);

        assertThat(screener.screen("Please FROBNICATE the widget!").severities().get(HarmCategory.VIOLENCE))
                .isEqualTo(5);
        assertThat(screener.screen("Frobnicate the widget gently.").severities().get(HarmCategory.VIOLENCE))
                .isZero();
        assertThat(screener.screen("You should kill yourself").severities().get(HarmCategory.SELF_HARM)).isZero();
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        List<String> texts = new ArrayList<>();
        harmful().forEach(a -> texts.add((String) a.get()[1]));
        fernhillEmails().forEach(texts::add);
        List<Map<HarmCategory, Integer>> expected = texts.stream().map(t -> SCREENER.screen(t).severities())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (!SCREENER.screen(texts.get(i)).severities().equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
