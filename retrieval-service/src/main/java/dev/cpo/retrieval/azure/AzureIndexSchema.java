package dev.cpo.retrieval.azure;

import com.azure.search.documents.SearchDocument;
import com.azure.search.documents.indexes.models.LexicalAnalyzerName;
import com.azure.search.documents.indexes.models.SearchField;
import com.azure.search.documents.indexes.models.SearchFieldDataType;
import com.azure.search.documents.indexes.models.SearchIndex;
import com.azure.search.documents.indexes.models.SemanticConfiguration;
import com.azure.search.documents.indexes.models.SemanticField;
import com.azure.search.documents.indexes.models.SemanticPrioritizedFields;
import com.azure.search.documents.indexes.models.SemanticSearch;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The index's fields and semantic configuration, and how a paragraph becomes an index document. */
final class AzureIndexSchema {

    static final String ID = "id";
    static final String DOCUMENT_ID = "documentId";
    static final String PARAGRAPH_INDEX = "paragraphIndex";
    static final String TITLE = "title";
    static final String CONTENT = "content";
    static final String CATEGORY = "category";
    static final String AUDIENCE_TAGS = "audienceTags";
    static final String STATUS = "status";
    static final String APPROVED_AT = "approvedAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String SOURCE = "source";

    /** The fields a search brings back: what a snippet needs, nothing more. */
    static final List<String> SNIPPET_FIELDS = List.of(DOCUMENT_ID, PARAGRAPH_INDEX, TITLE, CONTENT, SOURCE);

    private AzureIndexSchema() {
    }

    /**
     * @param indexName the index
     * @param semanticConfiguration the semantic configuration's name (also the index's default one)
     * @return the index definition: keyed by paragraph, English full text on title and content, filters on approval,
     *         approval window, audience and category, and semantic ranking over title, content and keywords
     */
    static SearchIndex definition(String indexName, String semanticConfiguration) {
        List<SearchField> fields = List.of(
                new SearchField(ID, SearchFieldDataType.STRING).setKey(true).setFilterable(true).setSortable(true),
                new SearchField(DOCUMENT_ID, SearchFieldDataType.STRING).setFilterable(true).setSortable(true)
                        .setFacetable(true),
                new SearchField(PARAGRAPH_INDEX, SearchFieldDataType.INT32).setFilterable(true).setSortable(true),
                new SearchField(TITLE, SearchFieldDataType.STRING).setSearchable(true)
                        .setAnalyzerName(LexicalAnalyzerName.EN_LUCENE),
                new SearchField(CONTENT, SearchFieldDataType.STRING).setSearchable(true)
                        .setAnalyzerName(LexicalAnalyzerName.EN_LUCENE),
                // Searchable too: semantic keywords fields must be.
                new SearchField(CATEGORY, SearchFieldDataType.STRING).setSearchable(true).setFilterable(true)
                        .setFacetable(true),
                new SearchField(AUDIENCE_TAGS, SearchFieldDataType.collection(SearchFieldDataType.STRING))
                        .setSearchable(true).setFilterable(true).setFacetable(true),
                new SearchField(STATUS, SearchFieldDataType.STRING).setFilterable(true).setFacetable(true),
                new SearchField(APPROVED_AT, SearchFieldDataType.DATE_TIME_OFFSET).setFilterable(true)
                        .setSortable(true),
                new SearchField(EXPIRES_AT, SearchFieldDataType.DATE_TIME_OFFSET).setFilterable(true)
                        .setSortable(true),
                new SearchField(SOURCE, SearchFieldDataType.STRING));
        SemanticConfiguration semantic = new SemanticConfiguration(semanticConfiguration,
                new SemanticPrioritizedFields().setTitleField(new SemanticField(TITLE))
                        .setContentFields(new SemanticField(CONTENT))
                        .setKeywordsFields(new SemanticField(CATEGORY), new SemanticField(AUDIENCE_TAGS)));
        return new SearchIndex(indexName, fields).setSemanticSearch(new SemanticSearch()
                .setDefaultConfigurationName(semanticConfiguration).setConfigurations(List.of(semantic)));
    }

    /**
     * @param paragraph a paragraph
     * @return its index document; absent values are sent as {@code null}, so a merge clears them
     */
    static SearchDocument document(AzureIndexDocument paragraph) {
        SearchDocument document = new SearchDocument();
        document.put(ID, paragraph.id());
        document.put(DOCUMENT_ID, paragraph.documentId());
        document.put(PARAGRAPH_INDEX, paragraph.paragraphIndex());
        document.put(TITLE, paragraph.title());
        document.put(CONTENT, paragraph.content());
        document.put(CATEGORY, paragraph.category());
        document.put(AUDIENCE_TAGS, paragraph.audienceTags());
        document.put(STATUS, paragraph.status());
        document.put(APPROVED_AT, instant(paragraph.approvedAt()));
        document.put(EXPIRES_AT, instant(paragraph.expiresAt()));
        document.put(SOURCE, paragraph.source());
        return document;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
