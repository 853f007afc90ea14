package dev.cpo.generation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.cpo.events.EventCodec;
import dev.cpo.events.InvalidFieldException;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Variant;
import dev.cpo.generation.cache.VariantSetCache;
import dev.cpo.generation.generate.GenerationUnavailableException;
import dev.cpo.generation.generate.VariantGenerator;
import dev.cpo.generation.persistence.JdbcVariantSetStore;
import dev.cpo.generation.prompt.PromptTemplates;
import dev.cpo.rest.AdminOnly;
import dev.cpo.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The generated variant sets: what was written for each segment, at what cost; previews and evictions (admin). */
@Path("/variant-sets")
@Produces(MediaType.APPLICATION_JSON)
public class VariantSetResource {

    private static final int MAX_LIMIT = 500;

    private final JdbcVariantSetStore store;
    private final VariantSetCache cache;
    private final VariantGenerator generator;
    private final PromptTemplates templates;

    VariantSetResource(JdbcVariantSetStore store, VariantSetCache cache, VariantGenerator generator,
            PromptTemplates templates) {
        this.store = store;
        this.cache = cache;
        this.generator = generator;
        this.templates = templates;
    }

    /**
     * @param segment the segment
     * @param snippets the content set
     */
    public record PreviewRequest(Segment segment, List<Snippet> snippets) {
    }

    /**
     * @param provider the generator's provider
     * @param model its model
     * @param promptVersion the prompt templates' version
     * @param variants one per tone
     */
    public record PreviewView(String provider, String model, String promptVersion, List<Variant> variants) {
    }

    /**
     * @param segment the segment
     * @param deleted sets deleted; the next event of the segment generates anew
     */
    public record EvictionView(String segment, int deleted) {
    }

    @GET
    @Operation(summary = "Stored variant sets, newest first, optionally of one segment")
    public Response list(@QueryParam("segment") String segment, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return ApiError.response(Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return Response.ok(store.list(blankToNull(segment), limit)).build();
    }

    @POST
    @Path("/preview")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The variants of a segment and content set, through the cache (may call the model); admin")
    public Response preview(String body) {
        PreviewRequest request;
        try {
            request = EventCodec.mapper().readValue(body == null ? "" : body, PreviewRequest.class);
        } catch (JsonMappingException e) {
            String reason = e.getCause() instanceof InvalidFieldException invalid
                    ? invalid.getMessage()
                    : "the body must be {\"segment\": {...}, \"snippets\": [...]}: " + e.getOriginalMessage();
            return ApiError.response(Response.Status.BAD_REQUEST, reason);
        } catch (JsonProcessingException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, "the body is not JSON");
        }
        if (request == null || request.segment() == null) {
            return ApiError.response(Response.Status.BAD_REQUEST, "segment is required");
        }
        List<Snippet> snippets = request.snippets() == null ? List.of() : request.snippets();
        try {
            return Response.ok(new PreviewView(generator.provider(), generator.model(), templates.version(),
                    cache.variantsFor(request.segment(), snippets))).build();
        } catch (GenerationUnavailableException e) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Delete a segment's variant sets so its next customers get newly generated ones; admin")
    public Response evict(@QueryParam("segment") String segment) {
        if (blankToNull(segment) == null) {
            return ApiError.response(Response.Status.BAD_REQUEST, "the segment query parameter is required");
        }
        int deleted = store.deleteSegment(segment);
        cache.forgetSegment(segment);
        return Response.ok(new EvictionView(segment, deleted)).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
