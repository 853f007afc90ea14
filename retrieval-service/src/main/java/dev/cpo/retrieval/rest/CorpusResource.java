package dev.cpo.retrieval.rest;

import dev.cpo.retrieval.config.CorpusHolder;
import dev.cpo.retrieval.corpus.Approval;
import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusDocument;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The approved-content corpus the service serves from. */
@Path("/corpus")
@Produces(MediaType.APPLICATION_JSON)
public class CorpusResource {

    private final CorpusHolder corpus;
    private final Clock clock;

    CorpusResource(CorpusHolder corpus, Clock clock) {
        this.corpus = corpus;
        this.clock = clock;
    }

    /**
     * @param version the corpus version (a hash of its content)
     * @param documents every document, servable or not
     */
    public record CorpusView(String version, int servable, List<DocumentView> documents) {
    }

    /**
     * @param servable whether it may be returned now (approved and not expired)
     */
    public record DocumentView(String id, String title, String category, List<String> audience, int paragraphs,
            Approval approval, String source, boolean servable) {
    }

    @GET
    @Operation(summary = "Every corpus document with its approval, and whether it may be served now")
    public CorpusView corpus() {
        Instant now = clock.instant();
        Corpus current = corpus.current();
        List<DocumentView> documents = current.documents().stream().map(d -> view(d, now)).toList();
        return new CorpusView(current.version(), (int) documents.stream().filter(DocumentView::servable).count(),
                documents);
    }

    private static DocumentView view(CorpusDocument d, Instant now) {
        return new DocumentView(d.id(), d.title(), d.category(), d.audience(), d.paragraphs().size(), d.approval(),
                d.source(), d.approval().servableAt(now));
    }
}
