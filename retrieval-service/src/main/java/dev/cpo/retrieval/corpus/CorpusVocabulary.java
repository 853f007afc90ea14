package dev.cpo.retrieval.corpus;

import java.util.Set;

/**
 * The closed vocabularies and limits of a corpus document, the same as in {@code corpus/document.schema.json} (a test
 * keeps the two in step).
 */
public final class CorpusVocabulary {

    /** The audience tag of a document that may be sent to any customer. */
    public static final String EVERYONE = "everyone";

    /** Customers who placed their first order recently (not those without an order: {@link #NEVER_PURCHASED}). */
    public static final String NEW = "new";
    /** Customers who have not ordered yet, typically a new account. */
    public static final String NEVER_PURCHASED = "never-purchased";
    /** Fairly recent customers with a few orders. */
    public static final String POTENTIAL_LOYALISTS = "potential-loyalists";
    /** Customers who buy often and not long ago. */
    public static final String LOYAL = "loyal";
    /** The best customers: recent, frequent, high spend. */
    public static final String CHAMPIONS = "champions";
    /** Customers who order often. */
    public static final String FREQUENT = "frequent";
    /** Customers who order rarely. */
    public static final String OCCASIONAL = "occasional";
    /** Customers with a high lifetime spend. */
    public static final String HIGH_VALUE = "high-value";
    /** Customers with a low lifetime spend. */
    public static final String LOW_SPEND = "low-spend";
    /** Customers who used to buy often or much, but not lately. */
    public static final String AT_RISK = "at-risk";
    /** Customers whose last order is long ago (six months or more). */
    public static final String LAPSED = "lapsed";
    /** Customers with few small orders, a while ago. */
    public static final String HIBERNATING = "hibernating";
    /** Customers with few small orders, long ago. */
    public static final String LOST = "lost";
    /** Customers with no recent activity of any kind. */
    public static final String DORMANT = "dormant";
    /** Loyalty tier bronze. */
    public static final String BRONZE = "bronze";
    /** Loyalty tier silver. */
    public static final String SILVER = "silver";
    /** Loyalty tier gold. */
    public static final String GOLD = "gold";

    /** Every allowed audience tag. */
    public static final Set<String> AUDIENCES = Set.of(EVERYONE, NEW, NEVER_PURCHASED, POTENTIAL_LOYALISTS, LOYAL,
            CHAMPIONS, FREQUENT, OCCASIONAL, HIGH_VALUE, LOW_SPEND, AT_RISK, LAPSED, HIBERNATING, LOST, DORMANT,
            BRONZE, SILVER, GOLD);

    /** Every allowed category. */
    public static final Set<String> CATEGORIES = Set.of("offers", "product-guide", "loyalty", "shipping-returns",
            "seasonal", "win-back", "onboarding", "services", "events");

    /** The fewest paragraphs a document has. */
    public static final int MIN_PARAGRAPHS = 2;
    /** The most paragraphs a document has. */
    public static final int MAX_PARAGRAPHS = 5;
    /** The most words in one paragraph (a word is a run of non-whitespace characters). */
    public static final int MAX_PARAGRAPH_WORDS = 200;
    /** The longest title, in characters. */
    public static final int MAX_TITLE_LENGTH = 120;
    /** The longest id, in characters. */
    public static final int MAX_ID_LENGTH = 80;

    private CorpusVocabulary() {
    }

    /**
     * @param text any text
     * @return its number of words: runs of non-whitespace characters
     */
    public static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
