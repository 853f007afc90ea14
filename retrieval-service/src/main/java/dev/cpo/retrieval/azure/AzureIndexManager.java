package dev.cpo.retrieval.azure;

import com.azure.search.documents.SearchDocument;
import com.azure.search.documents.models.IndexingResult;
import dev.cpo.retrieval.search.SearchUnavailableException;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creates the Azure AI Search index {@link AzureContentSearch} searches, and uploads the approved corpus to it,
 * paragraph by paragraph. Uploads are idempotent ({@code mergeOrUpload} keyed by {@link AzureIndexDocument#keyOf}):
 * uploading the same corpus twice leaves the same index. Uploading does not delete what left the corpus (a withdrawn
 * document, a paragraph a shorter document no longer has): {@link #removeStale(List)} does. Calls block: use a worker
 * thread.
 */
public final class AzureIndexManager {

    /** Paragraphs per upload request. */
    public static final int BATCH_SIZE = 100;

    private static final Logger LOG = Logger.getLogger(AzureIndexManager.class);

    private final AzureSearchSettings settings;
    private final AzureSearchClient client;

    /**
     * @param settings the index and how to reach it (each request may take {@code indexingTimeout})
     * @param vertx the Vert.x whose HTTP client carries the calls (in Quarkus: inject {@code io.vertx.core.Vertx})
     */
    public AzureIndexManager(AzureSearchSettings settings, Vertx vertx) {
        this(settings, AzureSearchClient.create(settings, settings.indexingTimeout(), vertx, options -> {
        }, null));
    }

    AzureIndexManager(AzureSearchSettings settings, AzureSearchClient client) {
        this.settings = settings;
        this.client = client;
    }

    /**
     * Creates the index with {@link AzureIndexSchema}'s fields and semantic configuration, or updates it in place.
     *
     * @throws SearchUnavailableException when the service refuses or cannot be reached (Azure refuses to change an
     *         existing field's attributes: delete the index and create it again then)
     */
    public void createOrUpdateIndex() {
        client.createOrUpdateIndex(AzureIndexSchema.definition(settings.indexName(), settings.semanticConfiguration()));
        LOG.infof("Index %s is in place (semantic configuration %s)", settings.indexName(),
                settings.semanticConfiguration());
    }

    /**
     * Merges or uploads the paragraphs in batches of {@link #BATCH_SIZE}, logging progress. A paragraph the service
     * refuses is reported with its reason and the upload goes on; a batch that fails as a whole (after retries) stops
     * the upload, and it and the batches after it are reported as failed. Running it again is safe.
     *
     * @param paragraphs the paragraphs, unique by id
     * @return what was uploaded, what failed and why, in how many batches
     * @throws IllegalArgumentException when two paragraphs share an id (one would silently overwrite the other)
     */
    public UploadReport upload(List<AzureIndexDocument> paragraphs) {
        Set<String> ids = new HashSet<>();
        for (AzureIndexDocument paragraph : paragraphs) {
            if (!ids.add(paragraph.id())) {
                throw new IllegalArgumentException("two paragraphs share the index key " + paragraph.id());
            }
        }
        int batchCount = (paragraphs.size() + BATCH_SIZE - 1) / BATCH_SIZE;
        int uploaded = 0;
        int sent = 0;
        List<UploadReport.Failure> failed = new ArrayList<>();
        for (int batch = 0; batch < batchCount; batch++) {
            List<AzureIndexDocument> slice = paragraphs.subList(batch * BATCH_SIZE,
                    Math.min(paragraphs.size(), (batch + 1) * BATCH_SIZE));
            List<IndexingResult> results;
            sent++;
            try {
                results = client.mergeOrUpload(slice.stream().map(AzureIndexSchema::document).toList());
            } catch (SearchUnavailableException batchFailed) {
                LOG.errorf("Upload to index %s stopped at batch %d/%d: %s", settings.indexName(), batch + 1,
                        batchCount, batchFailed.getMessage());
                slice.forEach(p -> failed.add(new UploadReport.Failure(p.id(), batchFailed.getMessage())));
                paragraphs.subList(Math.min(paragraphs.size(), (batch + 1) * BATCH_SIZE), paragraphs.size())
                        .forEach(p -> failed.add(new UploadReport.Failure(p.id(),
                                "not sent: an earlier batch failed")));
                break;
            }
            int batchUploaded = 0;
            Map<String, IndexingResult> byKey = new HashMap<>();
            results.forEach(result -> byKey.put(result.getKey(), result));
            for (AzureIndexDocument paragraph : slice) {
                IndexingResult result = byKey.get(paragraph.id());
                if (result == null) {
                    failed.add(new UploadReport.Failure(paragraph.id(), "the service did not report on it"));
                } else if (result.isSucceeded()) {
                    batchUploaded++;
                } else {
                    failed.add(new UploadReport.Failure(paragraph.id(), "HTTP " + result.getStatusCode() + ": "
                            + (result.getErrorMessage() == null ? "refused" : result.getErrorMessage())));
                }
            }
            uploaded += batchUploaded;
            LOG.infof("Uploaded batch %d/%d to index %s: %d of %d paragraphs accepted (%d of %d so far)", batch + 1,
                    batchCount, settings.indexName(), batchUploaded, slice.size(), uploaded, paragraphs.size());
        }
        UploadReport report = new UploadReport(paragraphs.size(), uploaded, failed, sent);
        if (report.complete()) {
            LOG.infof("Upload to index %s complete: %d paragraphs in %d batches", settings.indexName(), uploaded, sent);
        } else {
            LOG.warnf("Upload to index %s incomplete: %d of %d paragraphs uploaded, %d failed", settings.indexName(),
                    uploaded, paragraphs.size(), failed.size());
        }
        return report;
    }

    /**
     * Deletes every paragraph the index holds that is not among {@code paragraphs}: documents withdrawn from the
     * corpus, paragraphs a shortened document no longer has. Run it after {@link #upload(List)} with the same list.
     *
     * @param paragraphs the whole corpus, as uploaded
     * @return the keys deleted
     * @throws SearchUnavailableException when the keys cannot be listed, or a deletion fails (running it again is safe)
     */
    public List<String> removeStale(List<AzureIndexDocument> paragraphs) {
        Set<String> current = new HashSet<>();
        paragraphs.forEach(paragraph -> current.add(paragraph.id()));
        List<String> stale = client.allKeys().stream().filter(key -> !current.contains(key)).toList();
        for (int from = 0; from < stale.size(); from += BATCH_SIZE) {
            List<String> batch = stale.subList(from, Math.min(stale.size(), from + BATCH_SIZE));
            List<String> refused = client.delete(batch).stream().filter(result -> !result.isSucceeded())
                    .map(result -> result.getKey() + " (HTTP " + result.getStatusCode() + ")").toList();
            if (!refused.isEmpty()) {
                throw new SearchUnavailableException("Azure AI Search refused to delete " + refused.size()
                        + " stale paragraphs from index '" + settings.indexName() + "': " + refused, null);
            }
        }
        LOG.infof("Removed %d stale paragraphs from index %s", stale.size(), settings.indexName());
        return stale;
    }
}
