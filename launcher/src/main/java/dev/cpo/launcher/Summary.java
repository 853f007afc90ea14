package dev.cpo.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** The end of a demo run: the experiment's table, SRM, safety, model calls, dead letters, where to read more. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, Pipeline pipeline, DemoRun.Outcome outcome, String experiment) {
        StageCounts.Snapshot c = outcome.counts();
        out.printf("Pipeline %s: %,d customers -> %,d segment events -> %,d with content -> %,d with variants -> %,d"
                + " screened -> %,d assigned, %,d not contacted -> %,d engagement events%n",
                outcome.complete() ? "complete" : "NOT complete (timed out)", outcome.customers(),
                c.of("segments"), c.of("content"), c.of("variants"), c.of("screened"), c.of("assignments"),
                c.of("assignment-skips"), c.of("engagement"));
        Map<String, Long> deadLetters = DemoRun.deadLetters(outcome);
        out.println("Dead letters: " + (deadLetters.isEmpty() ? "none" : deadLetters));
        try {
            long resegmented = PipelineFacts.resegmented(pipeline);
            if (resegmented > 0) {
                out.printf("Re-segmented: %,d customers moved segment when segmentation trained its first model"
                        + " (they went through the pipeline again)%n", resegmented);
            }
            JsonNode skips = PipelineFacts.skips(pipeline, experiment).path("byReason");
            if (skips.size() > 0) {
                out.println("Not contacted, by reason: " + skips);
            }
        } catch (IOException | RuntimeException e) {
            out.println("Could not read the stage details: " + e.getMessage());
        }
        try {
            JsonNode safety = PipelineFacts.safetyReport(pipeline).path("overall");
            long total = safety.path("total").asLong();
            long blocked = safety.path("blocked").asLong();
            out.printf("Safety: %,d screening decisions, %,d passed, %,d blocked (blocked text is never sent)%n",
                    total, total - blocked, blocked);
            out.printf("Model calls: %,d (generation is per segment and tone, not per customer)%n",
                    PipelineFacts.modelCalls(pipeline));
            JsonNode metrics = PipelineFacts.metrics(pipeline, experiment);
            out.println();
            out.print(dev.cpo.cli.metrics.MetricsTable.render(metrics));
        } catch (IOException | RuntimeException e) {
            out.println("Could not read the results: " + e.getMessage());
        }
        out.println();
        out.println("Read more:");
        out.printf("  metrics   http://localhost:%d/experiments/%s/metrics  (.csv, /segments)%n",
                pipeline.service("experiment-service").port(), experiment);
        out.printf("  safety    http://localhost:%d/audit/report%n", pipeline.service("safety-service").port());
        out.printf("  segments  http://localhost:%d/q/swagger-ui%n", pipeline.service("segmentation-service").port());
        out.println("  logs      target/cpo-demo/logs/");
    }
}
