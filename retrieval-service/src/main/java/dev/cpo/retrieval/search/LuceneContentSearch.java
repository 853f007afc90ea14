package dev.cpo.retrieval.search;

import dev.cpo.events.Snippet;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusVocabulary;
import dev.cpo.retrieval.search.ParagraphIndex.Paragraph;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The embedded content search: Lucene BM25 over the paragraphs of the approved corpus, held in memory. The default
 * {@link ContentSearch}.
 *
 * <h2>Index</h2>
 * One entry per paragraph of every document that is approved and not expired when the index is built (drafts and
 * expired documents are never indexed), analyzed with Lucene's English analyzer (lower case, stop words, Porter
 * stemming) plus a few pronouns and auxiliaries that marketing prose is full of. Title and paragraph text are
 * separate fields.
 *
 * <h2>Search</h2>
 * <ol>
 * <li><b>Match</b>: every distinct analyzed query term is a BM25 clause on the paragraph text, and the same term on
 * the document title at {@link Options#titleBoost()}. A paragraph must match in its own text: the title only adds to
 * the score of a paragraph that matches by itself, so a document's unrelated paragraphs do not ride on its title.</li>
 * <li><b>Filter</b>: the document suits the audience (carries one of the query's tags, or {@code everyone}; a query
 * without tags gets {@code everyone} documents only), and it is servable at the search instant ({@code approvedAt <=
 * now < expiresAt}), checked in the Lucene query and again on every hit: the index may outlive an expiry.</li>
 * <li><b>Audience boost</b>: the BM25 score is multiplied by {@code 1 + audienceBoost * t}, {@code t} being the number
 * of the query's tags the document carries, at most {@link Options#maxBoostedTags()}: content written for this
 * customer beats content for everyone at equal wording.</li>
 * <li><b>Normalize</b>: {@code score = boosted / best boosted score of this query}, so the best snippet scores 1 and a
 * score says how strong a match is relative to the best this corpus has for the query. The query's
 * {@link SegmentQuery#minScore() minScore} (0.5 by default) thus keeps snippets at least half as strong as the best
 * one and drops the long tail that matched a word or two.</li>
 * <li><b>Coverage floor</b>: relative scores cannot tell that even the best match is poor, so a snippet must also
 * cover {@link Options#minCoverage()} of the query: the IDF-weighted share of the query's distinct terms found in
 * its title or text (terms the corpus lacks count too). A query the corpus has nothing for returns no snippets.</li>
 * <li><b>Diversity</b>: documents are taken best first, one paragraph each; only when fewer documents than
 * {@code topK} pass do second (up to {@link Options#maxPerDocument()}) paragraphs fill the rest. The result is sorted
 * by score, best first, ties by document id and paragraph.</li>
 * </ol>
 *
 * <h2>Concurrency</h2>
 * Thread-safe. Searches run on an immutable index; {@link #rebuild(Corpus)} builds a new one and swaps it in
 * atomically, and the old one is released once the searches running on it finish.
 */
public final class LuceneContentSearch implements ContentSearch, AutoCloseable {

    /** The provider name carried on content events. */
    public static final String PROVIDER = "lucene";

    /** Words that carry no topic in marketing prose, removed on top of Lucene's English stop words. */
    private static final List<String> EXTRA_STOP_WORDS = List.of("you", "your", "yours", "we", "our", "ours", "us",
            "i", "me", "my", "he", "she", "his", "her", "its", "them", "been", "being", "has", "have", "had", "do",
            "does", "did", "can", "could", "would", "should", "may", "might", "from", "than", "so", "up", "out",
            "about", "over", "after", "before", "when", "what", "which", "who", "whom", "how", "all", "any", "each",
            "every", "also", "just", "very", "own", "same", "other", "some", "only", "onto", "per", "via", "get",
            "gets", "got", "here");

    /**
     * Tuning of the embedded search.
     *
     * @param maxPerDocument the most paragraphs of one document in a result, 1 or more
     * @param minCoverage the IDF-weighted share of the query's terms a snippet must contain, 0..1
     * @param audienceBoost the score multiplier added per query tag the document carries, 0 or more
     * @param maxBoostedTags the most matching tags that count towards the boost
     * @param titleBoost the weight of a title match relative to a paragraph-text match
     * @param candidates how many BM25 hits are re-scored, at least the largest topK asked for
     */
    public record Options(int maxPerDocument, double minCoverage, double audienceBoost, int maxBoostedTags,
            float titleBoost, int candidates) {

        /** Checks the ranges. */
        public Options {
            if (maxPerDocument < 1) {
                throw new IllegalArgumentException("maxPerDocument must be at least 1");
            }
            if (!(minCoverage >= 0 && minCoverage <= 1)) {
                throw new IllegalArgumentException("minCoverage must be within 0..1");
            }
            if (!(audienceBoost >= 0) || maxBoostedTags < 0 || !(titleBoost >= 0) || candidates < 1) {
                throw new IllegalArgumentException("boosts must not be negative and candidates must be positive");
            }
        }

        /**
         * @return at most 2 paragraphs per document, coverage floor 0.10, audience boost 0.25 per tag for at most 2
         *         tags, title weight 0.5, 200 candidates
         */
        public static Options defaults() {
            return new Options(2, 0.10, 0.25, 2, 0.5f, 200);
        }
    }

    private final Clock clock;
    private final Options options;
    private final Analyzer analyzer;
    private volatile ParagraphIndex current;

    /**
     * Builds the index over {@code corpus} with the system clock and {@link Options#defaults()}.
     *
     * @param corpus the approved-content corpus
     */
    public LuceneContentSearch(Corpus corpus) {
        this(corpus, Clock.systemUTC(), Options.defaults());
    }

    /**
     * Builds the index over {@code corpus}.
     *
     * @param corpus the approved-content corpus
     * @param clock the time against which approvals and expiries are checked, at build and at every search
     * @param options tuning
     */
    public LuceneContentSearch(Corpus corpus, Clock clock, Options options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        CharArraySet stopWords = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stopWords.addAll(EXTRA_STOP_WORDS);
        this.analyzer = new EnglishAnalyzer(stopWords);
        this.current = ParagraphIndex.build(Objects.requireNonNull(corpus, "corpus"), clock.instant(), analyzer);
    }

    /**
     * Indexes {@code corpus} (or the same corpus again, to drop what expired since) and swaps the new index in.
     * Searches running meanwhile finish on the old index; later ones use the new one.
     *
     * @param corpus the corpus to serve from now on
     */
    public synchronized void rebuild(Corpus corpus) {
        Objects.requireNonNull(corpus, "corpus");
        ParagraphIndex old = current;
        if (old == null) {
            throw new IllegalStateException("closed");
        }
        current = ParagraphIndex.build(corpus, clock.instant(), analyzer);
        old.decRef();
    }

    @Override
    public List<Snippet> search(SegmentQuery query) {
        Objects.requireNonNull(query, "query");
        Instant now = clock.instant();
        ParagraphIndex index = acquire();
        try {
            return search(index, query, now);
        } catch (IOException e) {
            throw new SearchUnavailableException("the embedded index failed to search", e);
        } finally {
            index.decRef();
        }
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    /**
     * {@inheritDoc}
     *
     * <p>
     * Here: {@link Corpus#versionAt} the current instant, the hash of the documents servable now, so it changes when
     * a document expires. Read it before searching: a result cached under it then never holds a document that had
     * expired when the version was read.
     */
    @Override
    public String corpusVersion() {
        ParagraphIndex index = current;
        if (index == null) {
            throw new IllegalStateException("closed");
        }
        return index.corpus().versionAt(clock.instant());
    }

    /** @return the corpus being served */
    public Corpus corpus() {
        ParagraphIndex index = current;
        if (index == null) {
            throw new IllegalStateException("closed");
        }
        return index.corpus();
    }

    /** @return the number of paragraphs in the current index */
    public int indexedParagraphs() {
        ParagraphIndex index = current;
        return index == null ? 0 : index.size();
    }

    /** Releases the index; searches still running finish first. */
    @Override
    public synchronized void close() {
        ParagraphIndex old = current;
        current = null;
        if (old != null) {
            old.decRef();
        }
    }

    private ParagraphIndex acquire() {
        while (true) {
            ParagraphIndex index = current;
            if (index == null) {
                throw new SearchUnavailableException("the embedded index is closed", null);
            }
            if (index.tryIncRef()) {
                return index;
            }
            // Retired by a rebuild between the read and the increment: the next read sees its successor.
        }
    }

    private List<Snippet> search(ParagraphIndex index, SegmentQuery query, Instant now) throws IOException {
        List<String> terms = List.copyOf(ParagraphIndex.terms(analyzer, query.text()));
        if (terms.isEmpty()) {
            return List.of();
        }
        Query luceneQuery = luceneQuery(index, terms, query.audienceTags(), now);
        if (luceneQuery == null) {
            return List.of();
        }
        TopDocs hits = index.searcher().search(luceneQuery, Math.max(options.candidates(), query.topK()));
        double totalWeight = 0;
        for (String term : terms) {
            totalWeight += index.idf(term);
        }
        List<Candidate> candidates = new ArrayList<>(hits.scoreDocs.length);
        double best = 0;
        for (ScoreDoc hit : hits.scoreDocs) {
            Paragraph paragraph = index.paragraph(hit.doc);
            if (paragraph.approval().servableAt(now)) {
                double boosted = hit.score * (1 + options.audienceBoost() * matchingTags(paragraph, query));
                candidates.add(new Candidate(paragraph, boosted));
                best = Math.max(best, boosted);
            }
        }
        List<Candidate> passing = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.boosted() / best >= query.minScore()
                    && coverage(index, terms, totalWeight, candidate.paragraph()) >= options.minCoverage()) {
                passing.add(candidate);
            }
        }
        passing.sort(Candidate.BEST_FIRST);
        List<Candidate> chosen = diversify(passing, query.topK());
        List<Snippet> snippets = new ArrayList<>(chosen.size());
        for (Candidate candidate : chosen) {
            Paragraph p = candidate.paragraph();
            snippets.add(new Snippet(p.documentId(), p.title(), p.index(), p.text(),
                    round(candidate.boosted() / best), p.source()));
        }
        return List.copyOf(snippets);
    }

    /** @return the Lucene query, or null when no paragraph text contains any of the terms */
    private Query luceneQuery(ParagraphIndex index, List<String> terms, Set<String> audienceTags, Instant now) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        BooleanQuery.Builder title = new BooleanQuery.Builder();
        boolean anyText = false;
        // Terms the index does not hold would only cost a term-dictionary lookup each.
        for (String term : terms) {
            if (index.inText(term)) {
                text.add(new TermQuery(new Term(ParagraphIndex.TEXT, term)), Occur.SHOULD);
                anyText = true;
            }
            if (index.inTitles(term)) {
                title.add(new TermQuery(new Term(ParagraphIndex.TITLE, term)), Occur.SHOULD);
            }
        }
        if (!anyText) {
            return null;
        }
        BooleanQuery.Builder audience = new BooleanQuery.Builder();
        audience.add(new TermQuery(new Term(ParagraphIndex.AUDIENCE, CorpusVocabulary.EVERYONE)), Occur.SHOULD);
        for (String tag : audienceTags) {
            audience.add(new TermQuery(new Term(ParagraphIndex.AUDIENCE, tag)), Occur.SHOULD);
        }
        long millis = now.toEpochMilli();
        return new BooleanQuery.Builder()
                .add(text.build(), Occur.MUST)
                .add(new BoostQuery(title.build(), options.titleBoost()), Occur.SHOULD)
                .add(audience.build(), Occur.FILTER)
                .add(LongPoint.newRangeQuery(ParagraphIndex.VALID_FROM, Long.MIN_VALUE, millis), Occur.FILTER)
                .add(LongPoint.newRangeQuery(ParagraphIndex.VALID_UNTIL, millis + 1, Long.MAX_VALUE), Occur.FILTER)
                .build();
    }

    /** The IDF-weighted share of the query's terms found in the paragraph's title or text. */
    private static double coverage(ParagraphIndex index, List<String> terms, double totalWeight,
            Paragraph paragraph) {
        double covered = 0;
        for (String term : terms) {
            if (paragraph.terms().contains(term)) {
                covered += index.idf(term);
            }
        }
        return covered / totalWeight;
    }

    private int matchingTags(Paragraph paragraph, SegmentQuery query) {
        int matching = 0;
        for (String tag : query.audienceTags()) {
            if (!tag.equals(CorpusVocabulary.EVERYONE) && paragraph.audience().contains(tag)) {
                matching++;
            }
        }
        return Math.min(matching, options.maxBoostedTags());
    }

    /** Best paragraph of each document first; further paragraphs of a document only fill what is left. */
    private List<Candidate> diversify(List<Candidate> bestFirst, int topK) {
        List<Candidate> chosen = new ArrayList<>(topK);
        Map<String, Integer> perDocument = new HashMap<>();
        for (int round = 1; round <= options.maxPerDocument() && chosen.size() < topK; round++) {
            for (Candidate candidate : bestFirst) {
                if (chosen.size() == topK) {
                    break;
                }
                String id = candidate.paragraph().documentId();
                if (perDocument.getOrDefault(id, 0) == round - 1 && !chosen.contains(candidate)) {
                    chosen.add(candidate);
                    perDocument.merge(id, 1, Integer::sum);
                }
            }
        }
        chosen.sort(Candidate.BEST_FIRST);
        return chosen;
    }

    private static double round(double score) {
        return Math.min(1.0, Math.round(score * 10_000) / 10_000.0);
    }

    private record Candidate(Paragraph paragraph, double boosted) {

        static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::boosted).reversed()
                .thenComparing(c -> c.paragraph().documentId())
                .thenComparingInt(c -> c.paragraph().index());
    }
}
