package dev.cpo.retrieval.query;

import dev.cpo.retrieval.corpus.CorpusVocabulary;
import java.util.Set;

/**
 * What the content for a kind of customer should do, as query text and audience tags. Every segment, whatever its
 * strategy, is mapped to one intent by {@link QueryMapper}; the table is repeated in {@code CORPUS.md}.
 */
public enum SegmentIntent {

    /** Recent, frequent, high spend: thank them, show what only the best customers get. */
    CHAMPIONS("thank you to our best customers: exclusive member benefits, early access to sales, premium gear,"
            + " new arrivals and events",
            Set.of(CorpusVocabulary.CHAMPIONS, CorpusVocabulary.HIGH_VALUE, CorpusVocabulary.FREQUENT)),
    /** Frequent, fairly recent: reward the habit. */
    LOYAL("rewards for loyal regular customers: loyalty points, member benefits, birthday voucher, refer a friend,"
            + " trade in and repairs", Set.of(CorpusVocabulary.LOYAL, CorpusVocabulary.FREQUENT)),
    /** A few recent orders: give reasons for the next one and the next tier. */
    POTENTIAL_LOYALISTS("reasons to come back again: loyalty programme points and tiers, an offer on your next order,"
            + " free delivery, refer a friend",
            Set.of(CorpusVocabulary.POTENTIAL_LOYALISTS, CorpusVocabulary.OCCASIONAL)),
    /** One recent order: thank them, help with the order, invite the second. */
    NEW_CUSTOMER("thank you for your first order: an offer on your second order, join the loyalty programme,"
            + " tracking your order, delivery and returns", Set.of(CorpusVocabulary.NEW)),
    /** Used to buy often or much, not lately: a valued-customer win-back. */
    AT_RISK("we miss our valued customers: a thank-you offer to come back, your loyalty points are waiting,"
            + " repairs, what is new since your last visit",
            Set.of(CorpusVocabulary.AT_RISK, CorpusVocabulary.LAPSED, CorpusVocabulary.HIGH_VALUE)),
    /** Few small orders a while ago: a gentle, value-led win-back. */
    HIBERNATING("it has been a while: a come back offer, your points are waiting, good value basics,"
            + " what is new since your last visit",
            Set.of(CorpusVocabulary.HIBERNATING, CorpusVocabulary.LAPSED, CorpusVocabulary.LOW_SPEND)),
    /** Few small orders long ago: a last win-back, and the choice to hear less. */
    LOST("we miss you: a welcome back discount on your next order, what has changed since your last visit,"
            + " choose which emails you receive", Set.of(CorpusVocabulary.LOST, CorpusVocabulary.LAPSED)),
    /** A brand-new account, usually without an order yet: welcome and first steps. */
    WELCOME("welcome to the store: discount on your first order, getting started with your account,"
            + " join the loyalty programme, delivery and returns",
            Set.of(CorpusVocabulary.NEVER_PURCHASED)),
    /** An active customer with nothing special about them: what is new and useful. */
    ACTIVE("new arrivals this season, gift ideas, product guides and loyalty programme benefits", Set.of()),
    /** No activity for a long time: re-engage, or let them choose to hear less. */
    DORMANT("we miss you: come back offer, what is new since your last visit, choose which emails you receive,"
            + " your points are waiting", Set.of(CorpusVocabulary.DORMANT, CorpusVocabulary.LAPSED)),
    /** A segment this mapper does not know: broadly useful content for anyone. */
    DEFAULT("new arrivals, product guides, loyalty programme, delivery and returns", Set.of());

    private final String text;
    private final Set<String> audienceTags;

    SegmentIntent(String text, Set<String> audienceTags) {
        this.text = text;
        this.audienceTags = audienceTags;
    }

    /** @return the query text */
    public String text() {
        return text;
    }

    /** @return the audience tags; empty means content for everyone only */
    public Set<String> audienceTags() {
        return audienceTags;
    }
}
