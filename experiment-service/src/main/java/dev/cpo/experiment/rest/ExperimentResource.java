package dev.cpo.experiment.rest;

import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.definition.ExperimentSpec;
import dev.cpo.experiment.definition.ExperimentStatus;
import dev.cpo.experiment.messaging.HistoricalImports;
import dev.cpo.experiment.messaging.MetricsSnapshots;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.persistence.JdbcAssigner;
import dev.cpo.experiment.persistence.StorageException;
import dev.cpo.experiment.report.ExperimentReport;
import dev.cpo.experiment.report.ExperimentReports;
import dev.cpo.experiment.report.ReportCsv;
import dev.cpo.rest.AdminOnly;
import dev.cpo.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The experiments: definitions (read by anyone, written with the admin token), metrics (JSON, CSV, per segment),
 * skipped customers, snapshots on demand and historical imports.
 */
@Path("/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    private final ExperimentRegistry experiments;
    private final ExperimentReports reports;
    private final JdbcAssigner assigner;
    private final MetricsSnapshots snapshots;
    private final HistoricalImports imports;
    private final Clock clock;

    ExperimentResource(ExperimentRegistry experiments, ExperimentReports reports, JdbcAssigner assigner,
            MetricsSnapshots snapshots, HistoricalImports imports, Clock clock) {
        this.experiments = experiments;
        this.reports = reports;
        this.assigner = assigner;
        this.snapshots = snapshots;
        this.imports = imports;
        this.clock = clock;
    }

    /**
     * One line of the experiment list.
     *
     * @param id the id
     * @param name the name
     * @param source live or historical
     * @param status now
     * @param startAt start
     * @param stopAt stop or null
     * @param arms the arm names
     */
    public record Summary(String id, String name, String source, ExperimentStatus status, Instant startAt,
            Instant stopAt, List<String> arms) {
    }

    /**
     * A definition and its status.
     *
     * @param definition the full definition
     * @param status now
     */
    public record Described(ExperimentSpec definition, ExperimentStatus status) {
    }

    /**
     * @param experimentId the experiment
     * @param total customers skipped
     * @param byReason skipped customers by reason
     */
    public record Skips(String experimentId, long total, Map<String, Long> byReason) {
    }

    @GET
    public Response list() {
        return guarded(() -> {
            Instant now = clock.instant();
            List<Summary> out = new ArrayList<>();
            for (ExperimentDefinition d : experiments.all()) {
                List<String> arms = new ArrayList<>();
                d.design().arms().forEach(a -> arms.add(a.name()));
                out.add(new Summary(d.id(), d.name(), ExperimentSpec.of(d).source(), d.statusAt(now), d.startAt(),
                        d.stopAt(), arms));
            }
            return Response.ok(out).build();
        });
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return guarded(() -> experiments.find(id)
                .map(d -> Response.ok(new Described(ExperimentSpec.of(d), d.statusAt(clock.instant()))).build())
                .orElseGet(() -> notFound(id)));
    }

    /**
     * Creates or changes an experiment. Left-out fields take their defaults. Once customers are assigned, the arms,
     * weights, seed and strategy of an experiment cannot change (that would move customers between arms).
     */
    @PUT
    @Path("/{id}")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, ExperimentSpec spec) {
        return guarded(() -> {
            if (spec == null) {
                return ApiError.response(Response.Status.BAD_REQUEST, "a JSON experiment definition is required");
            }
            if (spec.id() != null && !spec.id().equals(id)) {
                return ApiError.response(Response.Status.BAD_REQUEST, "the body's id differs from the path's id");
            }
            ExperimentDefinition definition;
            try {
                definition = ExperimentSpec.toDefinition(withId(spec, id), experiments.defaults(), clock.instant());
            } catch (IllegalArgumentException e) {
                return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
            }
            Optional<String> conflict = experiments.conflictWith(definition);
            if (conflict.isPresent()) {
                return ApiError.response(Response.Status.CONFLICT, "its window overlaps the live experiment "
                        + conflict.get() + "; stop that one first or choose other dates");
            }
            Optional<ExperimentDefinition> existing = experiments.find(id);
            if (existing.isPresent() && !existing.get().design().equals(definition.design())
                    && !assigner.assignmentCounts(id).isEmpty()) {
                return ApiError.response(Response.Status.CONFLICT,
                        "customers are assigned: arms, weights, seed and strategy can no longer change");
            }
            experiments.save(definition);
            return Response.status(existing.isPresent() ? Response.Status.OK : Response.Status.CREATED)
                    .entity(new Described(ExperimentSpec.of(definition), definition.statusAt(clock.instant())))
                    .build();
        });
    }

    /** Stops assignment now; engagement is still measured. */
    @POST
    @Path("/{id}/stop")
    @AdminOnly
    public Response stop(@PathParam("id") String id) {
        return guarded(() -> {
            Optional<ExperimentDefinition> existing = experiments.find(id);
            if (existing.isEmpty()) {
                return notFound(id);
            }
            Instant now = clock.instant();
            ExperimentDefinition d = existing.get();
            if (d.statusAt(now) == ExperimentStatus.STOPPED) {
                return Response.ok(new Described(ExperimentSpec.of(d), ExperimentStatus.STOPPED)).build();
            }
            ExperimentDefinition stopped = d.stoppedAt(now);
            experiments.save(stopped);
            return Response.ok(new Described(ExperimentSpec.of(stopped), stopped.statusAt(now))).build();
        });
    }

    @GET
    @Path("/{id}/metrics")
    public Response metrics(@PathParam("id") String id) {
        return guarded(() -> reports.report(id).map(r -> Response.ok(r).build()).orElseGet(() -> notFound(id)));
    }

    @GET
    @Path("/{id}/metrics.csv")
    @Produces("text/csv")
    public Response metricsCsv(@PathParam("id") String id) {
        return guarded(() -> reports.report(id)
                .map(r -> Response.ok(ReportCsv.write(r), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"" + id + "-metrics.csv\"").build())
                .orElseGet(() -> notFound(id)));
    }

    /**
     * @param id the experiment
     * @param dimension optional: group {@code k=v;k=v} segment ids by one dimension (e.g. {@code channel})
     */
    @GET
    @Path("/{id}/segments")
    public Response segments(@PathParam("id") String id, @QueryParam("dimension") String dimension) {
        return guarded(() -> {
            if (dimension != null && !dimension.matches("[a-z0-9_-]{1,40}")) {
                return ApiError.response(Response.Status.BAD_REQUEST,
                        "dimension must be 1-40 lower-case letters, digits, '_' or '-'");
            }
            return reports.segments(id, dimension).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
        });
    }

    @GET
    @Path("/{id}/skips")
    public Response skips(@PathParam("id") String id) {
        return guarded(() -> {
            if (experiments.find(id).isEmpty()) {
                return notFound(id);
            }
            Map<String, Long> counts = assigner.skipCounts(id);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return Response.ok(new Skips(id, total, counts)).build();
        });
    }

    /** Publishes a snapshot of the metrics to {@code experiment-metrics} now and answers with it. */
    @POST
    @Path("/{id}/snapshot")
    public Response snapshot(@PathParam("id") String id) {
        return guarded(() -> {
            Optional<java.util.concurrent.CompletableFuture<ExperimentReport>> sent = snapshots.publish(id);
            if (sent.isEmpty()) {
                return notFound(id);
            }
            try {
                return Response.accepted(sent.get().get(30, TimeUnit.SECONDS)).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "interrupted");
            } catch (ExecutionException | TimeoutException e) {
                return ApiError.response(Response.Status.SERVICE_UNAVAILABLE,
                        "the broker did not acknowledge the snapshot");
            }
        });
    }

    /**
     * Imports a past experiment through the topics. The body is the file; {@code format=hillstrom} is the one
     * format today. The whole file is checked first: with any bad line nothing is sent (400 with the lines).
     */
    @POST
    @Path("/{id}/imports")
    @AdminOnly
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public Response importFile(@PathParam("id") String id, @QueryParam("format") @DefaultValue("") String format,
            @QueryParam("assignedAt") String assignedAt, InputStream body) {
        if (!"hillstrom".equals(format)) {
            return ApiError.response(Response.Status.BAD_REQUEST, "format must be one of [hillstrom]");
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            return ApiError.response(Response.Status.BAD_REQUEST, "invalid experiment id");
        }
        Instant at;
        try {
            at = assignedAt == null
                    ? dev.cpo.experiment.history.HillstromImport.DEFAULT_ASSIGNED_AT
                    : Instant.parse(assignedAt);
        } catch (DateTimeParseException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, "assignedAt must be an ISO-8601 instant");
        }
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("cpo-import-", ".csv");
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            HistoricalImports.Outcome outcome = imports.importHillstrom(id, file, at);
            if (!outcome.sent()) {
                return Response.status(Response.Status.BAD_REQUEST).entity(outcome).build();
            }
            return Response.ok(outcome).build();
        } catch (HistoricalImports.ConflictException e) {
            return ApiError.response(Response.Status.CONFLICT, e.getMessage());
        } catch (StorageException e) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "storage unavailable");
        } catch (IOException e) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static ExperimentSpec withId(ExperimentSpec s, String id) {
        return new ExperimentSpec(id, s.name(), s.source(), s.arms(), s.strategy(), s.seed(), s.controlMessage(),
                s.metrics(), s.primaryMetric(), s.alpha(), s.power(), s.minimumDetectableEffect(), s.baselineRate(),
                s.startAt(), s.stopAt(), s.contactPolicy());
    }

    private static Response notFound(String id) {
        return ApiError.response(Response.Status.NOT_FOUND, "no experiment '" + id + "'");
    }

    private static Response guarded(java.util.function.Supplier<Response> work) {
        try {
            return work.get();
        } catch (StorageException e) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "storage unavailable");
        }
    }
}
