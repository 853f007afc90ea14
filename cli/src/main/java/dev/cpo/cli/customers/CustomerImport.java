package dev.cpo.cli.customers;

import dev.cpo.events.InvalidEventException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A whole file read and checked, ready to be sent: the rows grouped by customer and every customer's snapshot built
 * once to validate it against the contract and to count consent, before anything is sent. {@link #snapshots()} then
 * builds them again, one at a time, for streaming.
 */
public final class CustomerImport {

    private final ParsedFile parsed;
    private final Map<String, List<CustomerRow>> customers;
    private final CustomerSnapshots builder;
    private final List<String> toSend;
    private final List<LineError> contractErrors = new ArrayList<>();
    private long consentTrue;
    private long consentFalse;
    private long trimmed;

    private CustomerImport(ParsedFile parsed, CustomerSnapshots builder, long limit) {
        this.parsed = parsed;
        this.builder = builder;
        this.customers = CustomerSnapshots.byCustomer(parsed.rows());
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, List<CustomerRow>> customer : customers.entrySet()) {
            if (ids.size() >= limit) {
                break;
            }
            try {
                CustomerSnapshots.Snapshot snapshot = builder.build(customer.getKey(), customer.getValue());
                ids.add(customer.getKey());
                if (snapshot.event().consent().emailMarketing()) {
                    consentTrue++;
                } else {
                    consentFalse++;
                }
                if (snapshot.trimmed()) {
                    trimmed++;
                }
            } catch (InvalidEventException | IllegalArgumentException e) {
                String reason = e instanceof InvalidEventException invalid ? invalid.reason() : e.getMessage();
                contractErrors.add(new LineError(customer.getValue().get(0).line(),
                        "customer " + customer.getKey() + ": the snapshot breaks the contract: " + reason));
            }
        }
        this.toSend = List.copyOf(ids);
    }

    /**
     * Reads and checks a file.
     *
     * @param file the file (UTF-8)
     * @param builder builds the snapshots
     * @param limit send at most this many customers (in order of first appearance)
     * @return the checked import
     * @throws IOException when the file cannot be read
     */
    public static CustomerImport of(Path file, CustomerSnapshots builder, ImportFormat format, long limit)
            throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return of(in, builder, format, limit);
        }
    }

    /**
     * Reads and checks a file's text.
     *
     * @param in the text
     * @param builder builds the snapshots
     * @param format the format
     * @param limit send at most this many customers
     * @return the checked import
     * @throws IOException when the text cannot be read
     */
    public static CustomerImport of(Reader in, CustomerSnapshots builder, ImportFormat format, long limit)
            throws IOException {
        return new CustomerImport(format.reader().read(in), builder, limit);
    }

    /** @return the file as read */
    public ParsedFile parsed() {
        return parsed;
    }

    /** @return every bad line: the file's, then snapshots the contract rejects, by line */
    public List<LineError> errors() {
        List<LineError> all = new ArrayList<>(parsed.errors());
        all.addAll(contractErrors);
        all.sort(java.util.Comparator.comparingLong(LineError::line));
        return all;
    }

    /** @return customers in the file */
    public int customers() {
        return customers.size();
    }

    /** @return customers that will be sent (after --limit and without contract errors) */
    public int customersToSend() {
        return toSend.size();
    }

    /** @return customers to send who opted in */
    public long consentTrue() {
        return consentTrue;
    }

    /** @return customers to send who did not opt in */
    public long consentFalse() {
        return consentFalse;
    }

    /** @return snapshots whose older transactions are left out to fit the size limit */
    public long trimmed() {
        return trimmed;
    }

    /** @return the snapshots to send, built one at a time */
    public Iterator<CustomerSnapshots.Snapshot> snapshots() {
        Iterator<String> ids = toSend.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public CustomerSnapshots.Snapshot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String id = ids.next();
                return builder.build(id, customers.get(id));
            }
        };
    }
}
