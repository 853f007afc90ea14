package dev.cpo.cli.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.cli.CliRun;
import dev.cpo.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command without a broker: checks, summaries and refusals happen before any connection. */
class ImportCustomersCommandTest {

    /** Nothing listens here: a command that tried to send would fail with exit code 3, not 1. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void aBadFileSendsNothingAndNamesEveryBadLine() throws IOException {
        Path file = Files.writeString(dir.resolve("crm.csv"), """
                customer_id,order_id,occurred_at,amount
                C-1,O-1,2024-01-05,100
                C-2,O-2,2024-01-05,abc
                C-3,O-3,yesterday,5
                """);

        CliRun run = CliRun.run("import-customers", file.toString(), "--format", "csv", "--bootstrap-servers",
                NO_BROKER, "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("line 3: amount is not a number")
                .contains("line 4: occurred_at is not an ISO-8601 timestamp")
                .contains("2 bad line(s): nothing sent").doesNotContain("sending failed");
        assertThat(run.out()).contains("events sent (acknowledged)    0");
    }

    @Test
    void dryRunSummarisesWithoutConnecting() throws IOException {
        Path file = Files.writeString(dir.resolve("retail.csv"), Samples.ONLINE_RETAIL);

        CliRun run = CliRun.run("import-customers", file.toString(), "--format", "online-retail", "--dry-run",
                "--consent", "all", "--bootstrap-servers", NO_BROKER);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("consent: SYNTHETIC")
                .containsPattern("rows read +7")
                .containsPattern("rows without customer id +2")
                .containsPattern("cancellations +2")
                .containsPattern("duplicate rows dropped +1")
                .containsPattern("customers +2")
                .containsPattern("consent true / false +2 / 0")
                .contains("dry run: nothing sent");
    }

    @Test
    void personalDataIsNeverPrinted() throws IOException {
        Path file = Files.writeString(dir.resolve("crm.csv"), Samples.CSV + "C-4,O-9,2024-01-01,oops,,,,Grace,Hopper,"
                + "grace@example.com,\n");

        CliRun bad = CliRun.run("import-customers", file.toString(), "--format", "csv", "--bootstrap-servers",
                NO_BROKER);
        CliRun dry = CliRun.run("import-customers", file.toString(), "--format", "csv", "--dry-run",
                "--skip-bad-lines");

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dry.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(dry.err()).contains("line 9: amount is not a number").contains("1 bad line(s) skipped");
        assertThat(dry.out()).containsPattern("skipped bad lines +1").contains("from the email_consent column");
        for (String output : new String[]{bad.all(), dry.all()}) {
            assertThat(output).doesNotContain("Ada", "Lovelace", "ada@example.com", "Grace", "Hopper", "grace@");
        }
    }

    @Test
    void brokerUnreachableSaysHowManyWereAcknowledgedAndThatRerunningIsSafe() throws IOException {
        Path file = Files.writeString(dir.resolve("crm.csv"), Samples.CSV);

        CliRun run = CliRun.run("import-customers", file.toString(), "--format", "csv", "--bootstrap-servers",
                NO_BROKER, "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("0 of 3 events were acknowledged")
                .contains("Re-running the same command is safe");
    }

    @Test
    void aMissingFileOrUnknownFormatIsReported() {
        CliRun missing = CliRun.run("import-customers", dir.resolve("nope.csv").toString(), "--format", "csv");
        CliRun format = CliRun.run("import-customers", "x.csv", "--format", "excel");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no such file; nothing sent");
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("'excel' is not one of cdnow, online-retail, csv");
    }
}
