package dev.cpo.retrieval.rest;

import dev.cpo.rest.AdminOnly;
import dev.cpo.rest.ApiError;
import dev.cpo.retrieval.azure.AzureIndexDocument;
import dev.cpo.retrieval.azure.AzureIndexManager;
import dev.cpo.retrieval.azure.UploadReport;
import dev.cpo.retrieval.config.CorpusHolder;
import dev.cpo.retrieval.config.RetrievalBeans;
import dev.cpo.retrieval.config.RetrievalConfig;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.InvalidCorpusException;
import dev.cpo.retrieval.retrieve.ContentRetriever;
import dev.cpo.retrieval.search.LuceneContentSearch;
import io.quarkus.arc.ClientProxy;
import io.vertx.core.Vertx;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Rebuilding the index from the corpus (admin). */
@Path("/index")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    private final CorpusHolder corpus;
    private final ContentRetriever retriever;
    private final RetrievalConfig config;
    private final Vertx vertx;

    IndexResource(CorpusHolder corpus, ContentRetriever retriever, RetrievalConfig config, Vertx vertx) {
        this.corpus = corpus;
        this.retriever = retriever;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * @param provider the index rebuilt
     * @param corpusVersion the corpus now in force
     * @param documents documents in the corpus
     * @param upload for Azure AI Search: what the upload did
     */
    public record RebuildView(String provider, String corpusVersion, int documents, UploadReport upload) {
    }

    @POST
    @Path("/rebuild")
    @AdminOnly
    @Operation(summary = "Re-read the corpus, rebuild the index (Lucene) or upload it (Azure AI Search); admin token")
    public Response rebuild() {
        Corpus loaded;
        try {
            loaded = corpus.reload();
        } catch (InvalidCorpusException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, "corpus rejected: " + e.getMessage());
        }
        UploadReport upload = null;
        if (config.provider() == RetrievalConfig.Provider.LUCENE) {
            ((LuceneContentSearch) ClientProxy.unwrap(retriever.search())).rebuild(loaded);
        } else {
            AzureIndexManager manager = new AzureIndexManager(RetrievalBeans.azureSettings(config), vertx);
            manager.createOrUpdateIndex();
            List<AzureIndexDocument> paragraphs = AzureIndexDocument.allOf(loaded);
            upload = manager.upload(paragraphs);
            manager.removeStale(paragraphs);
        }
        retriever.clearCache();
        return Response.ok(new RebuildView(retriever.search().provider(), loaded.version(), loaded.size(), upload))
                .build();
    }
}
