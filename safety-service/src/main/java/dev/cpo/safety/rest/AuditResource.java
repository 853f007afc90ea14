package dev.cpo.safety.rest;

import dev.cpo.events.HarmCategory;
import dev.cpo.events.Tone;
import dev.cpo.rest.ApiError;
import dev.cpo.safety.persistence.AuditQuery;
import dev.cpo.safety.persistence.AuditTrail;
import dev.cpo.safety.screen.VariantScreener;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail of screening decisions: pages, a CSV export, and pass/block rates. */
@Path("/")
public class AuditResource {

    private static final int MAX_SIZE = 500;
    private static final int MAX_PAGE = 1_000_000;
    private static final String CSV_HEADER = "decided_at,variant_id,segment_id,tone,decision,hate,self_harm,sexual,"
            + "violence,blocklist_matches,provider,policy_version,reasons";

    private final AuditTrail trail;
    private final VariantScreener screener;

    AuditResource(AuditTrail trail, VariantScreener screener) {
        this.trail = trail;
        this.screener = screener;
    }

    /**
     * @param page the page number, from 0
     * @param size decisions per page
     * @param total decisions matching the filters
     * @param items this page, newest first
     */
    public record Page(int page, int size, long total, List<AuditTrail.Entry> items) {
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Screening decisions, newest first; filter by segment, tone, decision, provider, from, to")
    public Response page(@QueryParam("segment") String segment, @QueryParam("tone") String tone,
            @QueryParam("decision") String decision, @QueryParam("provider") String provider,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
            return ApiError.response(Response.Status.BAD_REQUEST,
                    "page must be between 0 and " + MAX_PAGE + " and size between 1 and " + MAX_SIZE);
        }
        AuditQuery query;
        try {
            query = query(segment, tone, decision, provider, from, to);
        } catch (IllegalArgumentException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return Response.ok(new Page(page, size, trail.count(query), trail.page(query, (long) page * size, size)))
                .build();
    }

    @GET
    @Path("audit.csv")
    @Produces("text/csv")
    @Operation(summary = "Every matching decision as CSV, oldest first (same filters)")
    public Response csv(@QueryParam("segment") String segment, @QueryParam("tone") String tone,
            @QueryParam("decision") String decision, @QueryParam("provider") String provider,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditQuery query;
        try {
            query = query(segment, tone, decision, provider, from, to);
        } catch (IllegalArgumentException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(CSV_HEADER);
            writer.write('\n');
            try {
                trail.forEach(query, entry -> {
                    try {
                        writer.write(row(entry));
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    @GET
    @Path("audit/report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pass and block rates overall, by harm category, by segment and by tone (same filters)")
    public Response report(@QueryParam("segment") String segment, @QueryParam("tone") String tone,
            @QueryParam("provider") String provider, @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditQuery query;
        try {
            query = query(segment, tone, null, provider, from, to);
        } catch (IllegalArgumentException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Map<String, Integer> thresholds = new LinkedHashMap<>();
        screener.policy().thresholds().forEach((category, threshold) -> thresholds.put(column(category), threshold));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("policyVersion", screener.policy().version());
        report.put("thresholds", thresholds);
        report.putAll(trail.report(query, thresholds));
        return Response.ok(report).build();
    }

    private static AuditQuery query(String segment, String tone, String decision, String provider, String from,
            String to) {
        if (tone != null && !tone.isBlank()) {
            Tone.fromWire(tone.strip());
        }
        if (decision != null && !decision.isBlank() && !List.of("pass", "block").contains(decision.strip())) {
            throw new IllegalArgumentException("decision must be pass or block");
        }
        return new AuditQuery(blankToNull(segment), lower(tone), lower(decision), blankToNull(provider),
                instant("from", from), instant("to", to));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant, e.g. 2026-11-23T00:00:00Z");
        }
    }

    private static String row(AuditTrail.Entry entry) {
        Map<HarmCategory, Integer> severities = entry.verdict().severities();
        return String.join(",", entry.decidedAt().toString(), csv(entry.variantId()), csv(entry.segmentId()),
                entry.tone(), entry.decision(), severity(severities, HarmCategory.HATE),
                severity(severities, HarmCategory.SELF_HARM), severity(severities, HarmCategory.SEXUAL),
                severity(severities, HarmCategory.VIOLENCE), csv(String.join(";", entry.verdict().blocklistMatches())),
                csv(entry.provider()), csv(entry.policyVersion()),
                csv(entry.verdict().reasons().stream().collect(Collectors.joining("; "))));
    }

    private static String severity(Map<HarmCategory, Integer> severities, HarmCategory category) {
        Integer severity = severities.get(category);
        return severity == null ? "" : severity.toString();
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet never runs it. */
    static String csv(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String column(HarmCategory category) {
        return category.wireName();
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
