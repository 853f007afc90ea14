package dev.cpo.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.cli.ExitCodes;
import dev.cpo.cli.ServiceOptions;
import dev.cpo.cli.console.InstantConverter;
import dev.cpo.cli.console.Progress;
import dev.cpo.cli.console.Terminal;
import dev.cpo.events.EventCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import-experiment}: uploads a past experiment to experiment-service, which checks the whole file, then
 * publishes its assignments and engagement through the topics.
 */
@Command(name = "import-experiment", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Upload a historical experiment (e.g. Hillstrom) to experiment-service: "
                + "POST {experiment-url}/experiments/{id}/imports?format=...",
                "The service checks the whole file first: with any bad line nothing is sent."})
public final class ImportExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--format", defaultValue = "hillstrom", paramLabel = "hillstrom",
            description = "The file's format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--experiment", defaultValue = "hillstrom-2008", paramLabel = "ID",
            description = "Experiment id to import under (default: ${DEFAULT-VALUE}).")
    String experimentId;

    @Option(names = "--assigned-at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "When the historical customers were assigned (default: the service's, for Hillstrom "
                    + "2008-03-01T00:00:00Z).")
    Instant assignedAt;

    @Option(names = "--progress", description = "Always draw the upload bar (default: only on a terminal).")
    boolean forceBar;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"hillstrom".equals(format)) {
            err.println("--format must be hillstrom");
            return ExitCodes.USAGE;
        }
        if (!Files.isRegularFile(file)) {
            err.println("cannot read " + file + ": no such file; nothing sent");
            return ExitCodes.BAD_INPUT;
        }
        ExperimentServiceClient client = new ExperimentServiceClient(service.baseUri(), service.adminToken(),
                service.timeout());
        ExperimentServiceClient.Answer answer;
        Progress progress;
        try {
            progress = new Progress(err, Progress.styleFor(forceBar, Terminal.isInteractive()), "uploaded",
                    Files.size(file), Progress::bytes);
            out.println("import-experiment: " + file.getFileName() + " -> " + client.base() + " (experiment "
                    + experimentId + ", format " + format + ")");
            out.flush();
            answer = client.importFile(experimentId, format, assignedAt, file, progress);
            progress.finish();
        } catch (ConnectException e) {
            err.println("cannot reach experiment-service at " + client.base() + ": connection refused; nothing sent");
            return ExitCodes.UNAVAILABLE;
        } catch (HttpTimeoutException e) {
            err.println("experiment-service did not answer within " + service.timeout()
                    + "; the import may still complete (re-running is safe: ids are derived from the rows)");
            return ExitCodes.UNAVAILABLE;
        } catch (IOException e) {
            err.println("upload failed: " + e.getClass().getSimpleName() + (e.getMessage() == null
                    ? ""
                    : ": " + e.getMessage()) + "; re-running is safe");
            return ExitCodes.UNAVAILABLE;
        }
        return report(answer, out, err);
    }

    int report(ExperimentServiceClient.Answer answer, PrintWriter out, PrintWriter err) {
        JsonNode body = parse(answer.body());
        int status = answer.status();
        if (status == 200 && body != null && body.path("sent").asBoolean(false)) {
            out.println("imported: the file was valid and its events were sent");
            line(out, "assignments sent", body.path("assignmentsSent").asLong());
            line(out, "engagement events sent", body.path("engagementSent").asLong());
            printSummary(out, body.path("summary"));
            out.println("metrics: cpo metrics " + experimentId);
            out.flush();
            return ExitCodes.OK;
        }
        if (status == 400 && body != null && body.has("errors")) {
            JsonNode errors = body.path("errors");
            for (JsonNode e : errors) {
                err.println("line " + e.path("line").asLong() + ": " + e.path("reason").asText());
            }
            JsonNode summary = body.path("summary");
            long total = summary.path("lineErrors").asLong(errors.size());
            if (total > errors.size()) {
                err.println("... " + total + " bad line(s) in all; the service reports the first " + errors.size());
            }
            if (summary.has("headerValid") && !summary.path("headerValid").asBoolean(true)) {
                err.println("the header is not the expected one");
            }
            err.println("the file was rejected: nothing sent");
            printSummary(out, summary);
            out.flush();
            return ExitCodes.BAD_INPUT;
        }
        String message = body != null && body.hasNonNull("error")
                ? body.path("error").asText()
                : abbreviate(answer.body());
        err.println("experiment-service answered " + status + ": " + message + "; nothing sent");
        if (status == 401 || status == 403) {
            err.println("set the admin token: --admin-token or env CPO_ADMIN_TOKEN");
            return ExitCodes.REFUSED;
        }
        if (status == 503 || status == 502 || status == 504) {
            return ExitCodes.UNAVAILABLE;
        }
        return status == 400 ? ExitCodes.BAD_INPUT : ExitCodes.REFUSED;
    }

    private static void printSummary(PrintWriter out, JsonNode summary) {
        if (summary == null || summary.isMissingNode() || summary.isNull()) {
            return;
        }
        out.println("summary:");
        String[] fields = {"rowsRead", "rowsOk", "rowsRejected", "lineErrors", "assignments", "clicks", "conversions",
                "revenue", "conversionsWithoutVisit", "spendWithoutConversion", "conversionsWithoutSpend",
                "distinctSegments"};
        for (String field : fields) {
            if (summary.has(field)) {
                line(out, field, summary.get(field));
            }
        }
        JsonNode arms = summary.path("arms");
        if (arms.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = arms.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> arm = it.next();
                line(out, "arm " + arm.getKey(), arm.getValue().toString());
            }
        }
    }

    private static void line(PrintWriter out, String label, Object value) {
        Object shown = value instanceof JsonNode node && node.isNumber() && node.canConvertToLong()
                && !node.isFloatingPointNumber()
                        ? Progress.count(node.asLong())
                        : value instanceof Long l
                                ? Progress.count(l)
                                : value instanceof JsonNode node ? node.asText() : value;
        out.println(String.format(Locale.ROOT, "  %-28s %s", label, shown));
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EventCodec.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "(no body)";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
