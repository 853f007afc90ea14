package dev.cpo.generation.local;

import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.generation.generate.DraftCitation;
import dev.cpo.generation.generate.GenerationOutcome;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.generate.Usage;
import dev.cpo.generation.generate.VariantGenerator;
import dev.cpo.generation.generate.VariantLimits;
import dev.cpo.generation.local.TonePhrases.Phrase;
import dev.cpo.generation.local.TonePhrases.SubjectTemplate;
import dev.cpo.generation.local.TonePhrases.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The default generator: no network, no model, deterministic. It writes the e-mail from the snippets' own sentences
 * and connective wording of the requested tone.
 *
 * <ul>
 * <li><b>Facts only from the snippets.</b> Snippet texts are split into sentences ({@link Sentences}) that are reused
 * as they are; the only adaptations are a capital first letter, a full stop where a sentence had no end, and, in the
 * informational tone, full stops for exclamation marks. Every such sentence ends with its snippet's marker before the
 * final punctuation: {@code "... no minimum spend [1]."}. The connective sentences ({@link TonePhrases}) state no
 * facts, carry no marker and hold no digits.</li>
 * <li><b>Length.</b> Sentences are taken round-robin across the snippets, best snippet first (first sentence of each,
 * then the second of each, ...), so that several snippets get cited, until the body reaches
 * {@link VariantLimits#BODY_MIN_WORDS}; a sentence that would take it over {@link VariantLimits#BODY_MAX_WORDS} is
 * skipped for the next one. They are then written grouped by snippet, in the snippets' order and each snippet's own
 * sentence order. When the snippets are too short, tone sentences without facts fill up to the minimum. Only the
 * snippets actually used are cited, one citation per marker.</li>
 * <li><b>Deterministic.</b> The same request gives the same subject, body and citations. The wording alternatives
 * are chosen by a hash of the segment id and the first snippet's document id (never by time or randomness), so
 * different segments do not all read alike. The request's feedback is ignored: a retry gives the same draft.</li>
 * </ul>
 *
 * <p>Plain Java, thread-safe, stateless; all wording is precomputed.
 */
public final class LocalGroundedGenerator implements VariantGenerator {

    /** The provider recorded on every variant. */
    public static final String PROVIDER = "local";
    /**
     * The wording version, recorded on every variant and part of its id: bump it whenever the output for a given
     * request changes (wording, selection, splitting).
     */
    public static final String MODEL = "grounded-composer-1";

    private static final String FALLBACK_TITLE = "News from Fernhill Outfitters";
    private static final List<String> CLAUSE_SEPARATORS = List.of(": ", " - ", " \u2013 ", " \u2014 ", ", ");
    private static final Set<String> DANGLING_WORDS = Set.of("a", "an", "and", "at", "by", "for", "from", "in",
            "of", "on", "or", "our", "the", "to", "up", "with", "your", "&");

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public GenerationOutcome generate(GenerationRequest request) {
        long started = System.nanoTime();
        Tone tone = request.tone();
        Wording wording = TonePhrases.of(tone);
        List<Snippet> snippets = request.snippets();
        int hash = hash(request.segment().id(), snippets.get(0).documentId());

        Phrase opener = pick(
                wording.openers().get(TonePhrases.Audience.of(request.segment().id(), request.segment().label())),
                hash, 0);
        Phrase intro = pick(wording.intros(), hash, 7);
        Phrase closing = pick(wording.closings(), hash, 13);
        int fixedWords = wording.greeting().words() + opener.words() + intro.words() + closing.words()
                + wording.signOff().words();

        Selection selection = select(snippets, fixedWords, wording.maxTransitionWords());
        String body = render(request, wording, hash, opener, intro, closing, fixedWords, selection);
        List<DraftCitation> citations = new ArrayList<>(snippets.size());
        for (int i = 0; i < snippets.size(); i++) {
            if (!selection.chosen.get(i).isEmpty()) {
                Snippet snippet = snippets.get(i);
                citations.add(new DraftCitation(i + 1, snippet.documentId(), snippet.paragraphIndex()));
            }
        }
        String subject = subject(wording.subjects(), snippets.get(0).title(), tone, hash);
        long latencyMillis = (System.nanoTime() - started) / 1_000_000L;
        return new GenerationOutcome.Draft(subject, body, citations, Usage.NONE, latencyMillis);
    }

    /** The sentences chosen per snippet (indices into that snippet's sentences, ascending) and their texts. */
    private record Selection(List<List<String>> sentences, List<List<Integer>> chosen, String truncated) {
    }

    private static Selection select(List<Snippet> snippets, int fixedWords, int transitionWords) {
        int count = snippets.size();
        List<List<String>> sentences = new ArrayList<>(count);
        List<List<Integer>> chosen = new ArrayList<>(count);
        int rounds = 0;
        for (Snippet snippet : snippets) {
            List<String> split = Sentences.split(snippet.text());
            sentences.add(split);
            chosen.add(new ArrayList<>(split.size()));
            rounds = Math.max(rounds, split.size());
        }
        // Word counts as if every used snippet after the first had the longest transition: an upper bound, so the
        // maximum is never exceeded; padding makes up for any words the real transitions fall short.
        int total = fixedWords;
        List<String> taken = new ArrayList<>();
        boolean anyUsed = false;
        for (int round = 0; round < rounds && total < VariantLimits.BODY_MIN_WORDS; round++) {
            for (int s = 0; s < count && total < VariantLimits.BODY_MIN_WORDS; s++) {
                List<String> own = sentences.get(s);
                if (round >= own.size()) {
                    continue;
                }
                String sentence = own.get(round);
                if (taken.contains(sentence)) {
                    continue; // the same sentence from another snippet says nothing new
                }
                List<Integer> mine = chosen.get(s);
                int extra = Sentences.words(sentence) + (mine.isEmpty() && anyUsed ? transitionWords : 0);
                if (total + extra > VariantLimits.BODY_MAX_WORDS) {
                    continue;
                }
                mine.add(round);
                taken.add(sentence);
                total += extra;
                anyUsed = true;
            }
        }
        String truncated = null;
        if (!anyUsed) {
            // Every sentence alone is too long for the maximum: cut the best snippet's first sentence to fit.
            int s = 0;
            while (s < count - 1 && sentences.get(s).isEmpty()) {
                s++;
            }
            List<String> own = sentences.get(s);
            String sentence = own.isEmpty() ? Sentences.normalize(snippets.get(s).text()) : own.get(0);
            truncated = truncateWords(sentence, VariantLimits.BODY_MAX_WORDS - fixedWords);
            chosen.get(s).add(0);
        }
        return new Selection(sentences, chosen, truncated);
    }

    private static String render(GenerationRequest request, Wording wording, int hash, Phrase opener, Phrase intro,
            Phrase closing, int fixedWords, Selection selection) {
        Tone tone = request.tone();
        StringBuilder body = new StringBuilder(1600);
        if (!wording.greeting().text().isEmpty()) {
            body.append(wording.greeting().text()).append("\n\n");
        }
        body.append(opener.text()).append(' ').append(intro.text());
        int words = fixedWords;
        List<Phrase> transitions = wording.transitions();
        int transition = Math.floorMod(hash >>> 3, transitions.size());
        boolean first = true;
        for (int s = 0; s < selection.chosen.size(); s++) {
            List<Integer> mine = selection.chosen.get(s);
            if (mine.isEmpty()) {
                continue;
            }
            body.append("\n\n");
            if (!first) {
                Phrase phrase = transitions.get(transition++ % transitions.size());
                body.append(phrase.text()).append(' ');
                words += phrase.words();
            }
            first = false;
            int marker = s + 1;
            for (int k = 0; k < mine.size(); k++) {
                String sentence = selection.truncated != null
                        ? selection.truncated
                        : selection.sentences.get(s).get(mine.get(k));
                if (k > 0) {
                    body.append(' ');
                }
                words += Sentences.words(sentence);
                appendCited(body, sentence, marker, tone);
            }
        }
        if (words < VariantLimits.BODY_MIN_WORDS) {
            List<Phrase> padding = wording.padding();
            int next = Math.floorMod(hash >>> 19, padding.size());
            body.append("\n\n");
            boolean firstPad = true;
            for (int n = 0; n < padding.size() && words < VariantLimits.BODY_MIN_WORDS; n++) {
                Phrase phrase = padding.get((next + n) % padding.size());
                if (words + phrase.words() > VariantLimits.BODY_MAX_WORDS) {
                    continue;
                }
                if (!firstPad) {
                    body.append(' ');
                }
                body.append(phrase.text());
                words += phrase.words();
                firstPad = false;
            }
        }
        body.append("\n\n").append(closing.text()).append("\n\n").append(wording.signOff().text());
        return body.toString();
    }

    /**
     * Appends a snippet sentence with its marker before the final punctuation: {@code "text [n]."}. Closing quotes
     * or brackets stay with the text; a sentence without an end gets a full stop.
     */
    private static void appendCited(StringBuilder body, String sentence, int marker, Tone tone) {
        int end = sentence.length();
        while (end > 0
                && (Sentences.isTerminal(sentence.charAt(end - 1)) || Sentences.isCloser(sentence.charAt(end - 1))
                        || isWeakEnd(sentence.charAt(end - 1)))) {
            end--;
        }
        String core = sentence.substring(0, end);
        StringBuilder closers = new StringBuilder(2);
        StringBuilder terminal = new StringBuilder(2);
        for (int i = end; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if (Sentences.isCloser(c)) {
                closers.append(c);
            } else if (Sentences.isTerminal(c)) {
                terminal.append(c);
            }
        }
        String ending = terminal.length() == 0 ? "." : terminal.toString();
        if (tone == Tone.INFORMATIONAL) {
            core = core.replace('!', '.');
            ending = ending.replace("!", "").isEmpty() ? "." : ending.replace("!", "");
        }
        int start = body.length();
        body.append(core.strip()).append(closers).append(" [").append(marker).append(']').append(ending);
        if (start < body.length()) {
            char c = body.charAt(start);
            if (Character.isLowerCase(c)) {
                body.setCharAt(start, Character.toUpperCase(c));
            }
        }
    }

    private static boolean isWeakEnd(char c) {
        return c == ',' || c == ';' || c == ':' || c == '-' || c == '\u2013' || c == '\u2014' || c == ' ';
    }

    /**
     * The subject: a tone template around the first snippet's title. The first template (from the hash on) that fits
     * the limit with the whole title wins; then with the title's first clause (before a colon, a dash or a comma), so
     * that a shortened title never ends in a cut-off date or price; then with the title cut on a word boundary
     * (dropping a dangling number or little word); then the title alone, cut the same way.
     */
    static String subject(List<SubjectTemplate> templates, String rawTitle, Tone tone, int hash) {
        String title = cleanTitle(rawTitle, tone);
        int max = VariantLimits.SUBJECT_MAX_CHARS;
        int start = Math.floorMod(hash >>> 11, templates.size());
        String fitted = firstFitting(templates, start, title, max);
        if (fitted != null) {
            return fitted;
        }
        for (String separator : CLAUSE_SEPARATORS) {
            int at = title.indexOf(separator);
            if (at > 0) {
                fitted = firstFitting(templates, start, stripWeakEnd(title.substring(0, at)), max);
                if (fitted != null) {
                    return fitted;
                }
            }
        }
        SubjectTemplate template = templates.get(start);
        int room = max - template.fixedLength();
        if (room >= 12) {
            String cut = truncateTitle(title, room);
            if (!cut.isEmpty()) {
                return template.render(cut);
            }
        }
        String alone = truncateTitle(title, max);
        return alone.isEmpty() ? stripWeakEnd(title.substring(0, title.offsetByCodePoints(0, max))) : alone;
    }

    private static String firstFitting(List<SubjectTemplate> templates, int start, String title, int max) {
        int titleLength = title.codePointCount(0, title.length());
        for (int i = 0; i < templates.size(); i++) {
            SubjectTemplate template = templates.get((start + i) % templates.size());
            if (template.fixedLength() + titleLength <= max) {
                return template.render(title);
            }
        }
        return null;
    }

    private static String cleanTitle(String rawTitle, Tone tone) {
        String title = Sentences.normalize(rawTitle == null ? "" : rawTitle);
        if (tone == Tone.INFORMATIONAL) {
            title = title.replace("!", "");
        }
        title = stripWeakEnd(title);
        return title.isEmpty() ? FALLBACK_TITLE : title;
    }

    private static String stripWeakEnd(String text) {
        int end = text.length();
        while (end > 0) {
            char c = text.charAt(end - 1);
            if (c == '.' || c == '!' || c == '?' || c == '\u2026' || isWeakEnd(c) || c == '(' || c == '/'
                    || c == '&') {
                end--;
            } else {
                break;
            }
        }
        return text.substring(0, end).strip();
    }

    /**
     * Cuts a title to at most {@code max} code points on a word boundary, dropping what would dangle at the end: little
     * words ("up to") and numbers, prices or dates cut off from what they qualify. Empty if nothing is left.
     */
    static String truncateTitle(String title, int max) {
        if (title.codePointCount(0, title.length()) <= max) {
            return title;
        }
        int limit = title.offsetByCodePoints(0, max);
        int cut = title.lastIndexOf(' ', limit);
        if (cut <= 0) {
            return stripWeakEnd(title.substring(0, limit)); // one word longer than the limit: no better place
        }
        String head = stripWeakEnd(title.substring(0, cut));
        while (!head.isEmpty()) {
            int space = head.lastIndexOf(' ');
            String last = head.substring(space + 1);
            if (!DANGLING_WORDS.contains(last.toLowerCase(Locale.ROOT)) && !Sentences.hasDigit(last)
                    && last.indexOf('\u00a3') < 0 && last.indexOf('%') < 0) {
                return head;
            }
            head = space <= 0 ? "" : stripWeakEnd(head.substring(0, space));
        }
        return head;
    }

    /**
     * Cuts a sentence to at most {@code maxWords} words: at the last clause boundary (comma, semicolon, colon, dash)
     * that fits, or else at a word boundary. Only reached when every snippet sentence alone exceeds the maximum.
     */
    static String truncateWords(String sentence, int maxWords) {
        int words = 0;
        boolean inWord = false;
        int cutAtWord = sentence.length();
        int clauseCut = -1;
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if (c == ' ') {
                if (inWord) {
                    words++;
                    if (words == maxWords) {
                        cutAtWord = i;
                        break;
                    }
                    char before = sentence.charAt(i - 1);
                    if (before == ',' || before == ';' || before == ':') {
                        clauseCut = i - 1;
                    }
                }
                inWord = false;
            } else {
                inWord = true;
            }
        }
        if (cutAtWord == sentence.length()) {
            return sentence;
        }
        int cut = clauseCut > 0 && Sentences.words(sentence.substring(0, clauseCut)) >= maxWords / 2
                ? clauseCut
                : cutAtWord;
        return stripWeakEnd(sentence.substring(0, cut)) + ".";
    }

    private static Phrase pick(List<Phrase> phrases, int hash, int shift) {
        return phrases.get(Math.floorMod(hash >>> shift, phrases.size()));
    }

    /** A well-mixed, stable hash (String.hashCode is specified) of the segment and the first source. */
    static int hash(String segmentId, String firstDocumentId) {
        int h = segmentId.hashCode() * 0x9E3779B9 + firstDocumentId.hashCode();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
