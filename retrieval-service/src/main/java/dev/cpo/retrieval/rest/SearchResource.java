package dev.cpo.retrieval.rest;

import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.retrieval.query.QueryMapper;
import dev.cpo.retrieval.retrieve.ContentRetriever;
import dev.cpo.retrieval.search.SearchUnavailableException;
import dev.cpo.retrieval.search.SegmentQuery;
import dev.cpo.rest.ApiError;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Look at what the index returns for a segment, or for free text. */
@Path("/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final ContentRetriever retriever;
    private final QueryMapper mapper;

    SearchResource(ContentRetriever retriever, QueryMapper mapper) {
        this.retriever = retriever;
        this.mapper = mapper;
    }

    /**
     * @param provider the search provider
     * @param corpusVersion the corpus searched
     * @param query the query sent to the index
     * @param snippets the snippets, best first
     */
    public record SearchView(String provider, String corpusVersion, String query, List<String> audienceTags,
            List<Snippet> snippets) {
    }

    @GET
    @Operation(summary = "Snippets for a segment (its label or id: segment=At Risk), or for free text (q=...)")
    public Response search(@QueryParam("segment") String segment, @QueryParam("q") String text) {
        SegmentQuery query;
        if (text != null && !text.isBlank()) {
            SegmentQuery base = mapper.map(segmentOf(segment == null ? "unknown" : segment), null);
            query = new SegmentQuery(text, base.audienceTags(), base.topK(), base.minScore());
        } else if (segment != null && !segment.isBlank()) {
            query = mapper.map(segmentOf(segment), null);
        } else {
            throw new BadRequestException("give a segment (label or id) or a text: /search?segment=Champions or "
                    + "/search?q=free+shipping");
        }
        try {
            String version = retriever.search().corpusVersion();
            return Response.ok(new SearchView(retriever.search().provider(), version, query.text(),
                    query.audienceTags().stream().sorted().toList(), retriever.snippetsFor(query, version))).build();
        } catch (SearchUnavailableException e) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** A segment given by id ({@code rfm-at-risk}) or by label ({@code At Risk}). */
    private static Segment segmentOf(String given) {
        String trimmed = given.trim();
        boolean isId = trimmed.equals(trimmed.toLowerCase(Locale.ROOT)) && trimmed.contains("-");
        String strategy = isId ? trimmed.substring(0, trimmed.indexOf('-')) : "unknown";
        String label = isId ? trimmed.substring(trimmed.indexOf('-') + 1).replace('-', ' ') : trimmed;
        String id = isId ? trimmed : "unknown-" + trimmed.toLowerCase(Locale.ROOT).replace(' ', '-');
        return new Segment(id, label, strategy, "rest");
    }
}
