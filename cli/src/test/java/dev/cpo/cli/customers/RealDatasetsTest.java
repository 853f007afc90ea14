package dev.cpo.cli.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real datasets of {@code shared/data} parse completely, with their documented counts. */
class RealDatasetsTest {

    static final Path DATA = Path.of("../../shared/data");
    private static final Instant AS_OF = Instant.parse("2025-03-01T06:00:00Z");

    private static CustomerImport load(String file, ImportFormat format) throws IOException {
        Path path = DATA.resolve(file);
        assertThat(path).as("shared/data beside the clone").exists();
        return CustomerImport.of(path, new CustomerSnapshots(format, ConsentPolicy.SAMPLE, AS_OF,
                CustomerSnapshots.DEFAULT_MAX_EVENT_BYTES), format, Long.MAX_VALUE);
    }

    @Test
    void cdnowParsesFullyInto23570Customers() throws IOException {
        CustomerImport cdnow = load("cdnow_master.txt", ImportFormat.CDNOW);

        assertThat(cdnow.errors()).isEmpty();
        assertThat(cdnow.parsed().rowsRead()).isEqualTo(69_659);
        assertThat(cdnow.parsed().rows()).hasSize(69_659);
        assertThat(cdnow.customers()).isEqualTo(23_570);
        assertThat(cdnow.consentTrue() + cdnow.consentFalse()).isEqualTo(23_570);
        assertThat(cdnow.consentTrue() / 23_570.0).isBetween(0.83, 0.87);
        assertEveryEventPassesTheContract(cdnow, 23_570, 69_659);
    }

    @Test
    void onlineRetailParsesFullyWithItsDocumentedCounts() throws IOException {
        CustomerImport retail = load("online_retail_II_invoices.csv", ImportFormat.ONLINE_RETAIL);

        assertThat(retail.errors()).isEmpty();
        assertThat(retail.parsed().rowsRead()).isEqualTo(54_716);
        assertThat(retail.customers()).isEqualTo(5_942);
        assertThat(retail.parsed().rowsWithoutCustomerId()).isEqualTo(8_939);
        assertThat(retail.parsed().cancellations()).isEqualTo(8_428);
        // every row is imported, skipped without customer id, or an overlap duplicate
        assertThat(retail.parsed().rows().size() + retail.parsed().rowsWithoutCustomerId()
                + retail.parsed().duplicateRows()).isEqualTo(54_716);
        assertEveryEventPassesTheContract(retail, 5_942, retail.parsed().rows().size());
    }

    private static void assertEveryEventPassesTheContract(CustomerImport plan, int customers, long transactions)
            throws IOException {
        Set<String> ids = new HashSet<>();
        long count = 0;
        long lines = 0;
        for (Iterator<CustomerSnapshots.Snapshot> it = plan.snapshots(); it.hasNext();) {
            CustomerSnapshots.Snapshot snapshot = it.next();
            CustomerEvent event = snapshot.event();
            assertThat(EventCodec.decode(snapshot.json(), CustomerEvent.class)).isEqualTo(event);
            assertThat(EventCodec.decode(EventCodec.encode(event), CustomerEvent.class)).isEqualTo(event);
            assertThat(snapshot.json().length).isLessThanOrEqualTo(CustomerSnapshots.DEFAULT_MAX_EVENT_BYTES);
            assertThat(event.activity().totalSpend().signum()).isGreaterThanOrEqualTo(0);
            assertThat(ids.add(event.eventId().toString())).isTrue();
            lines += event.transactions().size();
            count++;
        }
        assertThat(count).isEqualTo(customers);
        assertThat(plan.trimmed()).isZero();
        assertThat(lines).isEqualTo(transactions);
        assertThat(Files.exists(DATA)).isTrue();
    }
}
