package dev.cpo.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cpo.cli.CliRun;
import dev.cpo.cli.ExitCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a local stub of experiment-service's import endpoint (the JDK's HTTP server). */
class ImportExperimentCommandTest {

    private static final String CSV = """
            recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend
            10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> answer = new AtomicReference<>("{}");
    private final List<String> requests = new ArrayList<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " | "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " | "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
            }
            body.set(exchange.getRequestBody().readAllBytes());
            byte[] bytes = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void uploadsTheFileAsCsvWithTheTokenAndPrintsWhatWasSent() throws IOException {
        Path file = Files.writeString(dir.resolve("hillstrom.csv"), CSV);
        answer.set("""
                {"summary": {"experimentId": "hillstrom-2008", "headerValid": true, "rowsRead": 1, "rowsOk": 1,
                 "rowsRejected": 0, "lineErrors": 0, "assignments": 1, "clicks": 0, "conversions": 0, "revenue": 0,
                 "spend": 0, "arms": {"womens-email": {"assigned": 1}}},
                 "errors": [], "sent": true, "assignmentsSent": 1, "engagementSent": 0}
                """);

        CliRun run = CliRun.run("import-experiment", file.toString(), "--experiment-url", url() + "/",
                "--admin-token", "s3cret", "--assigned-at", "2008-03-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(requests).containsExactly("POST /experiments/hillstrom-2008/imports?format=hillstrom"
                + "&assignedAt=2008-03-01T00%3A00%3A00Z | text/csv | Bearer s3cret");
        assertThat(new String(body.get(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(run.out()).contains("imported").containsPattern("assignments sent +1")
                .containsPattern("rowsRead +1");
        assertThat(run.err()).contains("uploaded").contains("(100%)");
    }

    @Test
    void lineErrorsArePrintedWithNumbersAndNothingIsSent() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), CSV);
        status.set(400);
        answer.set(
                """
                        {"summary": {"experimentId": "exp-1", "headerValid": true, "rowsRead": 80, "rowsOk": 20,
                         "rowsRejected": 60, "lineErrors": 60},
                         "errors": [{"line": 3, "reason": "visit must be 0 or 1"}, {"line": 7, "reason": "spend is not a number"}],
                         "sent": false, "assignmentsSent": 0, "engagementSent": 0}
                        """);

        CliRun run = CliRun.run("import-experiment", file.toString(), "--experiment", "exp-1", "--experiment-url",
                url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(requests).singleElement().asString().startsWith("POST /experiments/exp-1/imports?format=hillstrom |")
                .endsWith("| null");
        assertThat(run.err()).contains("line 3: visit must be 0 or 1").contains("line 7: spend is not a number")
                .contains("60 bad line(s) in all").contains("nothing sent");
    }

    @Test
    void refusalsAndAnUnreachableServiceHaveTheirOwnExitCodes() throws IOException {
        Path file = Files.writeString(dir.resolve("hillstrom.csv"), CSV);
        status.set(401);
        answer.set("{\"status\": 401, \"error\": \"admin token required\"}");

        CliRun unauthorised = CliRun.run("import-experiment", file.toString(), "--experiment-url", url());

        assertThat(unauthorised.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unauthorised.err()).contains("answered 401: admin token required").contains("CPO_ADMIN_TOKEN");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun unreachable = CliRun.run("import-experiment", file.toString(), "--experiment-url",
                "http://127.0.0.1:" + closedPort);
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(unreachable.err()).contains("cannot reach experiment-service").contains("nothing sent");
    }

    @Test
    void metricsCommandRendersTheServiceAnswer() {
        answer.set(dev.cpo.cli.metrics.MetricsTableTest.HILLSTROM);

        CliRun run = CliRun.run("metrics", "hillstrom-2008", "--experiment-url", url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(requests).singleElement().asString().startsWith("GET /experiments/hillstrom-2008/metrics |");
        assertThat(run.out()).contains("Best arm (conversion): mens-email");

        status.set(404);
        answer.set("{\"status\": 404, \"error\": \"no experiment 'x'\"}");
        CliRun missing = CliRun.run("metrics", "x", "--experiment-url", url());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(missing.err()).contains("answered 404: no experiment 'x'");
    }
}
