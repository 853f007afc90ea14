package dev.cpo.retrieval.search;

import dev.cpo.retrieval.corpus.Approval;
import dev.cpo.retrieval.corpus.ApprovalStatus;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;

/**
 * One immutable build of the embedded index: a Lucene index of one entry per paragraph in a {@link
 * ByteBuffersDirectory}, and the paragraphs themselves by Lucene document number. Reference-counted through its
 * reader, so that a rebuild can retire it while searches are still running on it.
 */
final class ParagraphIndex {

    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String AUDIENCE = "audience";
    static final String VALID_FROM = "validFrom";
    static final String VALID_UNTIL = "validUntil";
    private static final String ORDINAL = "ordinal";

    /** One indexed paragraph; {@code terms} are its analyzed title and text terms. */
    record Paragraph(String documentId, String title, int index, String text, String source, Set<String> audience,
            Approval approval, Set<String> terms) {
    }

    private final Corpus corpus;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Paragraph[] byDoc;
    /** Paragraphs containing each term (title or text). */
    private final Map<String, Integer> documentFrequency;
    private final int documentCount;
    /** Every term of the text field and of the title field: a query term outside them needs no index lookup. */
    private final Set<String> textTerms;
    private final Set<String> titleTerms;

    private ParagraphIndex(Corpus corpus, DirectoryReader reader, Paragraph[] byDoc,
            Map<String, Integer> documentFrequency, Set<String> textTerms, Set<String> titleTerms) {
        this.corpus = corpus;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity());
        // A few hundred paragraphs: caching filters would cost more than it saves.
        this.searcher.setQueryCache(null);
        this.byDoc = byDoc;
        this.documentFrequency = documentFrequency;
        this.documentCount = byDoc.length;
        this.textTerms = textTerms;
        this.titleTerms = titleTerms;
    }

    /**
     * Indexes every paragraph of the documents that are approved and not yet expired at {@code now}. Documents whose
     * approval takes effect later are indexed too; searches filter them out until then.
     */
    static ParagraphIndex build(Corpus corpus, Instant now, Analyzer analyzer) {
        // One buffer per file: term lookups slice their input, which is cheap on one buffer and not on many.
        ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
                ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        List<Paragraph> paragraphs = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        Set<String> textTerms = new HashSet<>();
        Set<String> titleTerms = new HashSet<>();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setSimilarity(new BM25Similarity())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (CorpusDocument document : corpus.documents()) {
                Approval approval = document.approval();
                if (!indexable(approval, now)) {
                    continue;
                }
                Set<String> audience = Set.copyOf(document.audience());
                Set<String> title = terms(analyzer, document.title());
                titleTerms.addAll(title);
                for (int i = 0; i < document.paragraphs().size(); i++) {
                    String text = document.paragraphs().get(i);
                    Set<String> terms = terms(analyzer, text);
                    textTerms.addAll(terms);
                    terms.addAll(title);
                    terms.forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
                    Document entry = new Document();
                    entry.add(new StoredField(ORDINAL, paragraphs.size()));
                    entry.add(new TextField(TEXT, text, Field.Store.NO));
                    entry.add(new TextField(TITLE, document.title(), Field.Store.NO));
                    for (String tag : audience) {
                        entry.add(new StringField(AUDIENCE, tag, Field.Store.NO));
                    }
                    entry.add(new LongPoint(VALID_FROM, approval.approvedAt().toEpochMilli()));
                    entry.add(new LongPoint(VALID_UNTIL, approval.expiresAt().toEpochMilli()));
                    writer.addDocument(entry);
                    paragraphs.add(new Paragraph(document.id(), document.title(), i, text, document.source(),
                            audience, approval, Set.copyOf(terms)));
                }
            }
            writer.forceMerge(1);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory index", e);
        }
        try {
            DirectoryReader reader = DirectoryReader.open(directory);
            reader.getReaderCacheHelper().addClosedListener(key -> directory.close());
            Paragraph[] byDoc = new Paragraph[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < byDoc.length; doc++) {
                byDoc[doc] = paragraphs.get(stored.document(doc).getField(ORDINAL).numericValue().intValue());
            }
            return new ParagraphIndex(corpus, reader, byDoc, Map.copyOf(documentFrequency),
                    Set.copyOf(textTerms), Set.copyOf(titleTerms));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory index", e);
        }
    }

    /** Approved and not expired: drafts and expired documents never enter the index. */
    static boolean indexable(Approval approval, Instant now) {
        return approval.status() == ApprovalStatus.APPROVED && now.isBefore(approval.expiresAt());
    }

    /** The distinct analyzed terms of {@code text}, in order of first appearance. */
    static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * The inverse document frequency of a term over the paragraphs, as BM25 computes it: {@code ln(1 + (N - n + 0.5)
     * / (n + 0.5))}; a term that no paragraph contains gets the highest value.
     */
    double idf(String term) {
        int n = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (documentCount - n + 0.5) / (n + 0.5));
    }

    /** @return whether some paragraph's text contains {@code term} */
    boolean inText(String term) {
        return textTerms.contains(term);
    }

    /** @return whether some title contains {@code term} */
    boolean inTitles(String term) {
        return titleTerms.contains(term);
    }

    Paragraph paragraph(int doc) {
        return byDoc[doc];
    }

    IndexSearcher searcher() {
        return searcher;
    }

    Corpus corpus() {
        return corpus;
    }

    int size() {
        return byDoc.length;
    }

    boolean tryIncRef() {
        return reader.tryIncRef();
    }

    void decRef() {
        try {
            reader.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
