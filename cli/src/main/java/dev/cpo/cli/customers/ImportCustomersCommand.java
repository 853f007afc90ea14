package dev.cpo.cli.customers;

import dev.cpo.cli.ExitCodes;
import dev.cpo.cli.KafkaOptions;
import dev.cpo.cli.console.DurationConverter;
import dev.cpo.cli.console.InstantConverter;
import dev.cpo.cli.console.Progress;
import dev.cpo.cli.console.Terminal;
import dev.cpo.events.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import-customers}: a transaction history to one full customer snapshot per customer on {@code customers}. */
@Command(name = "import-customers", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Turn a transaction history into CRM customer snapshots (one CustomerEvent per customer: "
                + "aggregated activity, transactions, consent) and publish them keyed by customer id.",
                "The whole file is checked first: with any bad line nothing is sent (unless --skip-bad-lines)."})
public final class ImportCustomersCommand implements Callable<Integer> {

    /** At most this many line errors are printed. */
    static final int MAX_ERRORS_PRINTED = 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--format", required = true, converter = ImportFormat.Converter.class,
            paramLabel = "cdnow|online-retail|csv", description = "The file's format.")
    ImportFormat format;

    @Option(names = "--consent", defaultValue = "sample", paramLabel = "all|none|sample",
            converter = ConsentConverter.class,
            description = "Synthetic consent for cdnow and online-retail, which carry none: sample = a deterministic "
                    + "~85%% opt-in by customer id (default: ${DEFAULT-VALUE}). Ignored for csv.")
    ConsentPolicy consent;

    @Option(names = "--dry-run", description = "Read, check and summarise; send nothing.")
    boolean dryRun;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N customers (first appearance order).")
    Long limit;

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Snapshot time (occurredAt), ISO-8601 with offset (default: now).")
    Instant asOf;

    @Option(names = "--skip-bad-lines", description = "Send the good lines and report the bad ones.")
    boolean skipBadLines;

    @Option(names = "--progress", description = "Always draw the progress bar (default: only on a terminal; "
            + "otherwise a few percentage lines).")
    boolean forceBar;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = Topics.CUSTOMERS, paramLabel = "TOPIC",
            description = "Topic to publish to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long Kafka may take to acknowledge a record (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-event-bytes", defaultValue = "" + CustomerSnapshots.DEFAULT_MAX_EVENT_BYTES,
            paramLabel = "BYTES", description = "Largest snapshot; bigger ones keep only their latest transactions "
                    + "(activity still covers all) (default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit != null && limit < 0) {
            err.println("--limit must not be negative");
            return ExitCodes.USAGE;
        }
        Instant snapshotTime = asOf != null ? asOf : Instant.now();
        CustomerSnapshots builder = new CustomerSnapshots(format, consent, snapshotTime, maxEventBytes);
        CustomerImport plan;
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            plan = CustomerImport.of(file, builder, format, limit == null ? Long.MAX_VALUE : limit);
        } catch (NoSuchFileException e) {
            err.println("cannot read " + file + ": no such file; nothing sent");
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage() + "; nothing sent");
            return ExitCodes.BAD_INPUT;
        }

        out.println("import-customers: " + file.getFileName() + " (" + format.id() + ")");
        if (format.syntheticConsent()) {
            out.println("consent: SYNTHETIC, this dataset has none: --consent " + consent
                    + (consent == ConsentPolicy.SAMPLE ? " (deterministic ~85% opt-in by customer id)" : ""));
        } else {
            out.println("consent: from the email_consent column (absent or blank = false)");
        }
        if (!plan.parsed().ignoredColumns().isEmpty()) {
            out.println("ignored columns: " + String.join(", ", plan.parsed().ignoredColumns()));
        }

        List<LineError> errors = plan.errors();
        if (!errors.isEmpty()) {
            printErrors(err, errors);
            if (!skipBadLines) {
                err.println(count(errors.size()) + " bad line(s): nothing sent (fix them, or use --skip-bad-lines)");
                printSummary(out, plan, 0, errors.size(), false);
                return ExitCodes.BAD_INPUT;
            }
            err.println(count(errors.size()) + " bad line(s) skipped (--skip-bad-lines)");
        }
        long skipped = skipBadLines ? errors.size() : 0;

        if (dryRun) {
            printSummary(out, plan, 0, skipped, true);
            out.println("dry run: nothing sent");
            return ExitCodes.OK;
        }

        Progress progress = new Progress(err, Progress.styleFor(forceBar, Terminal.isInteractive()), "sent",
                plan.customersToSend(), Progress::count);
        CustomerPublisher.Outcome outcome;
        try (CustomerPublisher publisher = CustomerPublisher.connect(kafka.bootstrapServers(), timeout, topic)) {
            outcome = publisher.publish(plan.snapshots(), progress);
        } catch (RuntimeException e) {
            // e.g. an unresolvable bootstrap address: the producer cannot even be created
            progress.finish();
            outcome = new CustomerPublisher.Outcome(0, 0, e);
        }
        printSummary(out, plan, outcome.acknowledged(), skipped, false);
        if (!outcome.complete()) {
            Exception failure = outcome.failure();
            err.println("sending failed: " + (failure == null
                    ? "not every record was acknowledged"
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage()));
            err.println(count(outcome.acknowledged()) + " of " + count(plan.customersToSend())
                    + " events were acknowledged by Kafka at " + kafka.bootstrapServers() + " (topic " + topic + ").");
            err.println("Re-running the same command is safe: event ids are derived from the content, "
                    + "so consumers drop the ones already received.");
            return ExitCodes.UNAVAILABLE;
        }
        out.println("done: " + count(outcome.acknowledged()) + " events acknowledged on " + topic);
        return ExitCodes.OK;
    }

    private void printErrors(PrintWriter err, List<LineError> errors) {
        errors.stream().limit(MAX_ERRORS_PRINTED).forEach(e -> err.println(e));
        if (errors.size() > MAX_ERRORS_PRINTED) {
            err.println("... and " + count(errors.size() - MAX_ERRORS_PRINTED) + " more bad line(s)");
        }
    }

    private void printSummary(PrintWriter out, CustomerImport plan, long sent, long skipped, boolean dry) {
        ParsedFile parsed = plan.parsed();
        row(out, "rows read", parsed.rowsRead());
        row(out, "rows without customer id", parsed.rowsWithoutCustomerId());
        if (format == ImportFormat.ONLINE_RETAIL) {
            row(out, "cancellations", parsed.cancellations());
            row(out, "duplicate rows dropped", parsed.duplicateRows());
        }
        row(out, "refund rows (negative amount)", parsed.refundRows());
        row(out, "skipped bad lines", skipped);
        row(out, "customers", plan.customers());
        row(out, dry ? "events to send" : "events planned", plan.customersToSend());
        row(out, "events sent (acknowledged)", sent);
        row(out, "consent true / false", plan.consentTrue(), plan.consentFalse());
        if (plan.trimmed() > 0) {
            row(out, "histories trimmed to fit", plan.trimmed());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, long... values) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %-30s", label));
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : " / ").append(count(values[i]));
        }
        out.println(text);
    }

    private static String count(long n) {
        return Progress.count(n);
    }

    /** {@code all|none|sample}, case-insensitive. */
    static final class ConsentConverter implements picocli.CommandLine.ITypeConverter<ConsentPolicy> {
        @Override
        public ConsentPolicy convert(String value) {
            try {
                return ConsentPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not one of all, none, sample");
            }
        }
    }
}
