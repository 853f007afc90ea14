package dev.cpo.generation.local;

import dev.cpo.events.Tone;
import dev.cpo.generation.generate.VariantLimits;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The connective wording of the local generator, per tone: greeting, openers (per audience), the sentence that leads
 * into the facts, transitions between snippets, padding for short sources, closings, sign-off and subject templates.
 *
 * <p>None of these states a fact: no numbers, prices, dates, products, discounts or conditions; whatever the e-mail
 * says about Fernhill's offer comes from a cited snippet. They therefore carry no citation marker. Changing any of
 * them changes the output: bump {@link LocalGroundedGenerator#MODEL}.
 */
final class TonePhrases {

    /** Who the segment is, roughly, read from its id and label; only chooses the opener. */
    enum Audience {
        /** New customers. */
        WELCOME,
        /** Champions, loyal, frequent or high-value customers. */
        LOYAL,
        /** Lapsed, lost, hibernating, dormant or at-risk customers. */
        WINBACK,
        /** Anyone else. */
        GENERAL;

        private static final List<String> WINBACK_WORDS = List.of("lost", "lapsed", "lapsing", "hibernating",
                "dormant", "risk", "churned", "inactive", "sleeping", "winback");
        private static final List<String> LOYAL_WORDS = List.of("champion", "champions", "loyal", "loyalists",
                "frequent", "vip", "gold", "best", "high");
        private static final List<String> WELCOME_WORDS = List.of("new", "welcome", "newcomer", "newcomers",
                "first", "onboarding");

        /**
         * @param id the segment id
         * @param label the segment label
         * @return the audience the segment most looks like: win-back first, then loyal, then welcome
         */
        static Audience of(String id, String label) {
            String text = (id + ' ' + label).toLowerCase(java.util.Locale.ROOT);
            if (hasWord(text, WINBACK_WORDS)) {
                return WINBACK;
            }
            if (hasWord(text, LOYAL_WORDS)) {
                return LOYAL;
            }
            if (hasWord(text, WELCOME_WORDS)) {
                return WELCOME;
            }
            return GENERAL;
        }

        private static boolean hasWord(String text, List<String> words) {
            int length = text.length();
            int start = 0;
            while (start < length) {
                while (start < length && !Character.isLetter(text.charAt(start))) {
                    start++;
                }
                int end = start;
                while (end < length && Character.isLetter(text.charAt(end))) {
                    end++;
                }
                if (end > start && words.contains(text.substring(start, end))) {
                    return true;
                }
                start = end;
            }
            return false;
        }
    }

    /** A subject template: prefix + title + suffix. */
    record SubjectTemplate(String prefix, String suffix) {

        /** @return the template's own characters (code points) */
        int fixedLength() {
            return prefix.codePointCount(0, prefix.length()) + suffix.codePointCount(0, suffix.length());
        }

        String render(String title) {
            return prefix + title + suffix;
        }
    }

    /** A connective sentence with its word count, counted once. */
    record Phrase(String text, int words) {

        static Phrase of(String text) {
            if (Sentences.hasDigit(text) || text.indexOf('[') >= 0 || text.indexOf('\u00a3') >= 0
                    || text.indexOf('%') >= 0 || text.indexOf('$') >= 0 || text.indexOf('\u20ac') >= 0) {
                throw new IllegalStateException("connective wording states no facts: " + text);
            }
            return new Phrase(text, Sentences.words(text));
        }

        static List<Phrase> all(String... texts) {
            Phrase[] phrases = new Phrase[texts.length];
            for (int i = 0; i < texts.length; i++) {
                phrases[i] = of(texts[i]);
            }
            return List.of(phrases);
        }
    }

    /**
     * All the wording of one tone.
     *
     * @param greeting the first line, or empty for none
     * @param openers per audience, the first sentence
     * @param intros the sentence leading into the facts
     * @param transitions before the facts of the second and later snippets
     * @param padding non-factual sentences added, in order, when the snippets are too short for the minimum length
     * @param closings the call to action
     * @param signOff the last lines
     * @param subjects subject templates around the first snippet's title
     * @param maxTransitionWords the longest transition, in words
     */
    record Wording(Phrase greeting, Map<Audience, List<Phrase>> openers, List<Phrase> intros,
            List<Phrase> transitions, List<Phrase> padding, List<Phrase> closings, Phrase signOff,
            List<SubjectTemplate> subjects, int maxTransitionWords) {

        Wording {
            openers = Map.copyOf(openers);
            for (Audience audience : Audience.values()) {
                if (openers.getOrDefault(audience, List.of()).isEmpty()) {
                    throw new IllegalStateException("no opener for " + audience);
                }
            }
            int minFixed = greeting.words() + min(intros) + min(closings) + signOff.words();
            int minOpener = Integer.MAX_VALUE;
            for (List<Phrase> list : openers.values()) {
                minOpener = Math.min(minOpener, min(list));
            }
            int paddingWords = 0;
            for (Phrase phrase : padding) {
                paddingWords += phrase.words();
            }
            // A one-word snippet must still reach the minimum length with padding alone.
            if (minFixed + minOpener + paddingWords + 1 < VariantLimits.BODY_MIN_WORDS) {
                throw new IllegalStateException("the padding is too short to reach the minimum body length");
            }
        }

        private static int min(List<Phrase> phrases) {
            int min = Integer.MAX_VALUE;
            for (Phrase phrase : phrases) {
                min = Math.min(min, phrase.words());
            }
            return min;
        }
    }

    private static final Map<Tone, Wording> WORDING = new EnumMap<>(Tone.class);

    static {
        WORDING.put(Tone.URGENT, wording(
                "",
                Map.of(Audience.GENERAL, Phrase.all(
                        "Don't wait on this one!",
                        "This deserves your attention right now!",
                        "Stop scrolling: this one matters!"),
                        Audience.WELCOME, Phrase.all(
                                "You're in, so make the most of it now!",
                                "New here? Start strong!",
                                "Welcome aboard, and don't hold back!"),
                        Audience.LOYAL, Phrase.all(
                                "You know good gear when you see it, so act fast!",
                                "This one is for you, so don't sit on it!",
                                "You're one of our regulars, so move quickly!"),
                        Audience.WINBACK, Phrase.all(
                                "Come back and don't miss out!",
                                "It's time to get back out there!",
                                "Your next adventure starts now, so come back!")),
                Phrase.all(
                        "Here's the short version.",
                        "Read on and act fast.",
                        "Here are the details.",
                        "Check this out."),
                Phrase.all(
                        "And there's more.",
                        "That's not all.",
                        "Don't overlook this either.",
                        "Plus, take note of this.",
                        "Keep going, there's more."),
                Phrase.all(
                        "Don't leave it for later, because later never comes.",
                        "Make your move while it still counts.",
                        "Check the details above and decide today.",
                        "Put it at the top of your list right now.",
                        "Grab your gear and get going.",
                        "Every great trip starts with a quick decision.",
                        "Don't let this pass you by.",
                        "Plan your next adventure today, not someday.",
                        "Say yes to the outdoors and do it now.",
                        "Take the first step right away.",
                        "Be ready for whatever the trail throws at you.",
                        "Waiting won't make the weather any kinder, so act now.",
                        "Get it sorted before the moment is gone.",
                        "Your next walk deserves the right kit, so don't delay.",
                        "Decide now and thank yourself later.",
                        "The hills are calling, so answer quickly.",
                        "Don't wait for someone to tell you twice.",
                        "Act on it while it's fresh in your mind."),
                Phrase.all(
                        "Don't miss out: act now!",
                        "Act now, before it passes you by!",
                        "Don't wait: head to Fernhill Outfitters today!",
                        "Move fast and make it yours!"),
                "The Fernhill Outfitters team",
                List.of(new SubjectTemplate("Don't miss out: ", ""), new SubjectTemplate("Act now: ", ""),
                        new SubjectTemplate("", " - don't wait"), new SubjectTemplate("Heads up: ", ""))));
        WORDING.put(Tone.INFORMATIONAL, wording(
                "Hello,",
                Map.of(Audience.GENERAL, Phrase.all(
                        "We would like to share some useful information with you.",
                        "This message sets out a few details that may be relevant to you.",
                        "Below is a short summary of something we think is worth knowing."),
                        Audience.WELCOME, Phrase.all(
                                "As you get to know Fernhill Outfitters, here is some practical information.",
                                "To help you get started, we have put together the key details.",
                                "This is a good moment to explain a few things that may help you."),
                        Audience.LOYAL, Phrase.all(
                                "As a regular customer, you may find the following details useful.",
                                "We like to keep our regular customers well informed.",
                                "Here is an update that is relevant to the way you shop with us."),
                        Audience.WINBACK, Phrase.all(
                                "If you are thinking about your next outing, the details below may help.",
                                "Here is an overview that may be useful if you shop with us again.",
                                "We would like to bring you up to date with the following information.")),
                Phrase.all(
                        "Here is how it works.",
                        "The details are as follows.",
                        "Here are the main points.",
                        "This is what you need to know."),
                Phrase.all(
                        "It is also worth knowing the following.",
                        "In addition, please note this.",
                        "There is one more point to bear in mind.",
                        "A related detail may also be useful.",
                        "Further information follows."),
                Phrase.all(
                        "You can read these details again whenever it suits you.",
                        "There is no need to decide anything straight away.",
                        "Take the time you need to consider what fits your plans.",
                        "We have kept this summary short so that it is easy to follow.",
                        "It may help to keep this message for reference.",
                        "Choosing the right equipment is easier with clear information.",
                        "Planning ahead usually makes any trip outdoors more enjoyable.",
                        "Please consider which of these points matter most to you.",
                        "We aim to explain every detail in plain terms.",
                        "If anything is unclear, please get in touch and we will explain.",
                        "Good preparation is the basis of a comfortable day outside.",
                        "We hope this overview answers the most common questions.",
                        "Each point is set out separately so that you can find it quickly.",
                        "You are welcome to compare the options before making a choice.",
                        "The right choice depends on how and where you spend time outdoors."),
                Phrase.all(
                        "If you have any questions, please get in touch with us.",
                        "We hope this information is useful when you plan your next purchase.",
                        "Please keep this message for reference when you next shop with us.",
                        "You can find more details on our website or by asking our team."),
                "Kind regards,\nFernhill Outfitters",
                List.of(new SubjectTemplate("Useful to know: ", ""), new SubjectTemplate("", " - the details"),
                        new SubjectTemplate("For your information: ", ""), new SubjectTemplate("In brief: ", ""))));
        WORDING.put(Tone.FRIENDLY, wording(
                "Hi there,",
                Map.of(Audience.GENERAL, Phrase.all(
                        "We hope you're keeping well and getting outside whenever you can.",
                        "We thought you'd like to hear about something we're excited about.",
                        "We hope all is well with you and yours."),
                        Audience.WELCOME, Phrase.all(
                                "It's lovely to have you with us.",
                                "We're so glad you found us.",
                                "A very warm welcome from everyone here."),
                        Audience.LOYAL, Phrase.all(
                                "Thank you for being with us, it really means a lot.",
                                "We're so grateful to have you as part of the Fernhill family.",
                                "Thank you for choosing us time and again."),
                        Audience.WINBACK, Phrase.all(
                                "It's been a little while, and we've been thinking of you.",
                                "We'd love to see you again.",
                                "We hope you've been enjoying the outdoors since we last saw you.")),
                Phrase.all(
                        "We thought you'd like to know about this.",
                        "Here's something we think you'll enjoy.",
                        "We wanted to share this with you.",
                        "We picked this out with you in mind."),
                Phrase.all(
                        "We thought you'd like this too.",
                        "And here's something else you might enjoy.",
                        "One more thing we wanted to share.",
                        "You might also find this handy.",
                        "This might make you smile as well."),
                Phrase.all(
                        "We love hearing about where your adventures take you.",
                        "Whatever the weather, we hope you find time to get outdoors.",
                        "It's always a pleasure to help you get ready for the next trip.",
                        "A good walk with the right gear can brighten any day.",
                        "There's no rush, so take your time and have a look.",
                        "We hope something here makes your next outing even better.",
                        "Our team really enjoys sharing ideas like these.",
                        "Fresh air and good company are hard to beat.",
                        "We're always happy to hear from you.",
                        "Thank you for reading, we know your time is precious.",
                        "We hope this brightens your inbox a little.",
                        "Here's to muddy boots and happy memories.",
                        "We can't wait to hear what you get up to next.",
                        "Wherever the path leads, we hope you enjoy every step.",
                        "Sharing the things we love is our favourite part of the job."),
                Phrase.all(
                        "Thank you for being with us, and we hope to see you soon.",
                        "We'd love to see you soon, online or in store.",
                        "Until next time, enjoy every moment outdoors.",
                        "Thank you for being part of our story, and happy adventuring."),
                "Warm wishes,\nEveryone at Fernhill Outfitters",
                List.of(new SubjectTemplate("We thought you'd like this: ", ""),
                        new SubjectTemplate("Something for you: ", ""),
                        new SubjectTemplate("", ", from all of us at Fernhill"),
                        new SubjectTemplate("Hello from Fernhill: ", ""))));
    }

    private TonePhrases() {
    }

    /**
     * @param tone a tone
     * @return its wording
     */
    static Wording of(Tone tone) {
        return WORDING.get(tone);
    }

    private static Wording wording(String greeting, Map<Audience, List<Phrase>> openers, List<Phrase> intros,
            List<Phrase> transitions, List<Phrase> padding, List<Phrase> closings, String signOff,
            List<SubjectTemplate> subjects) {
        int maxTransition = 0;
        for (Phrase transition : transitions) {
            maxTransition = Math.max(maxTransition, transition.words());
        }
        return new Wording(Phrase.of(greeting), openers, intros, transitions, padding, closings, Phrase.of(signOff),
                List.copyOf(subjects), maxTransition);
    }
}
