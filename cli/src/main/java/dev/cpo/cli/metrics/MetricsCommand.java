package dev.cpo.cli.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.cli.ExitCodes;
import dev.cpo.cli.ServiceOptions;
import dev.cpo.cli.experiment.ExperimentServiceClient;
import dev.cpo.events.EventCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code metrics}: an experiment's figures as a table. */
@Command(name = "metrics", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Print an experiment's metrics (GET {experiment-url}/experiments/{id}/metrics) as a table.")
public final class MetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment id.")
    String experimentId;

    @Option(names = "--json", description = "Print the service's JSON instead of the table.")
    boolean json;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentServiceClient client = new ExperimentServiceClient(service.baseUri(), service.adminToken(),
                service.timeout());
        ExperimentServiceClient.Answer answer;
        try {
            answer = client.metrics(experimentId);
        } catch (ConnectException e) {
            err.println("cannot reach experiment-service at " + client.base() + ": connection refused");
            return ExitCodes.UNAVAILABLE;
        } catch (HttpTimeoutException e) {
            err.println("experiment-service did not answer within " + service.timeout());
            return ExitCodes.UNAVAILABLE;
        } catch (IOException e) {
            err.println("request failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        JsonNode body;
        try {
            body = EventCodec.mapper().readTree(answer.body());
        } catch (IOException e) {
            body = null;
        }
        if (answer.status() != 200 || body == null || !body.isObject()) {
            String message = body != null && body.hasNonNull("error")
                    ? body.path("error").asText()
                    : "unexpected answer";
            err.println("experiment-service answered " + answer.status() + ": " + message);
            return answer.status() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED;
        }
        if (json) {
            out.println(body.toPrettyString());
        } else {
            out.print(MetricsTable.render(body));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
