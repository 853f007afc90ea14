package dev.cpo.cli.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.events.Activity;
import dev.cpo.events.CustomerEvent;
import dev.cpo.events.EventCodec;
import dev.cpo.events.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerSnapshotsTest {

    private static final Instant AS_OF = Instant.parse("2025-03-01T06:00:00Z");

    private static Map<String, CustomerEvent> events(ImportFormat format, String text, ConsentPolicy consent) {
        CustomerSnapshots builder = new CustomerSnapshots(format, consent, AS_OF,
                CustomerSnapshots.DEFAULT_MAX_EVENT_BYTES);
        Map<String, List<CustomerRow>> groups = CustomerSnapshots.byCustomer(Samples.read(format, text).rows());
        Map<String, CustomerEvent> events = new java.util.LinkedHashMap<>();
        groups.forEach((id, rows) -> events.put(id, builder.build(id, rows).event()));
        return events;
    }

    @Test
    void csvSnapshotAggregatesOrdersSpendWithRefundAndPurchaseDates() {
        Map<String, CustomerEvent> events = events(ImportFormat.CSV, Samples.CSV, ConsentPolicy.ALL);

        assertThat(events).containsOnlyKeys("C-1", "C-2", "C-3");
        CustomerEvent c1 = events.get("C-1");
        assertThat(c1.customerId()).isEqualTo("C-1");
        assertThat(c1.occurredAt()).isEqualTo(AS_OF);
        assertThat(c1.source()).isEqualTo("cpo-cli");
        // O-1 100.00 + O-2 50.50 - refund of O-2 20.25; two orders with a positive amount
        assertThat(c1.activity()).isEqualTo(new Activity(Instant.parse("2024-02-11T08:00:00Z"),
                Instant.parse("2024-01-05T10:00:00Z"), Instant.parse("2024-02-10T00:00:00Z"), 2,
                new BigDecimal("130.25"), "EUR"));
        assertThat(c1.transactions()).extracting(Transaction::orderId).containsExactly("O-1", "O-2", "O-2");
        assertThat(c1.consent().emailMarketing()).isTrue();
        assertThat(c1.profile().country()).isEqualTo("DE");
        assertThat(c1.profile().email()).isEqualTo("ada@example.com");

        // no email_consent value at all: false, whatever --consent says (csv never uses it)
        assertThat(events.get("C-2").consent().emailMarketing()).isFalse();
        assertThat(events.get("C-2").profile()).isNull();
        assertThat(events.get("C-2").activity().currency()).isNull();
        // 30 - 40 never goes below zero; one order with a positive amount
        assertThat(events.get("C-3").activity().totalSpend()).isEqualByComparingTo("0");
        assertThat(events.get("C-3").activity().orderCount()).isEqualTo(1);
        assertThat(events.get("C-3").consent().emailMarketing()).isFalse();
    }

    @Test
    void onlineRetailSnapshotCountsTheCancellationAsRefund() {
        Map<String, CustomerEvent> events = events(ImportFormat.ONLINE_RETAIL, Samples.ONLINE_RETAIL,
                ConsentPolicy.ALL);

        assertThat(events).containsOnlyKeys("13085", "17850");
        Activity activity = events.get("13085").activity();
        assertThat(activity.orderCount()).isEqualTo(2);
        assertThat(activity.totalSpend()).isEqualByComparingTo("455.00"); // 505.30 + 145.80 - 196.10
        assertThat(activity.firstPurchaseAt()).isEqualTo(Instant.parse("2009-12-01T07:45:00Z"));
        assertThat(activity.lastPurchaseAt()).isEqualTo(Instant.parse("2009-12-01T07:46:00Z"));
        assertThat(activity.lastActivityAt()).isEqualTo(Instant.parse("2009-12-01T10:33:00Z"));
        assertThat(activity.currency()).isEqualTo("GBP");
        assertThat(events.get("13085").transactions()).hasSize(3);
        assertThat(events.get("13085").consent().emailMarketing()).isTrue();
    }

    @Test
    void cdnowSnapshotCountsTwoOrdersOnOneDay() {
        Map<String, CustomerEvent> events = events(ImportFormat.CDNOW, Samples.CDNOW, ConsentPolicy.NONE);

        assertThat(events.get("00002").activity().orderCount()).isEqualTo(2);
        assertThat(events.get("00002").activity().totalSpend()).isEqualByComparingTo("89.00");
        assertThat(events.get("00003").activity().firstPurchaseAt()).isEqualTo(Instant.parse("1997-01-02T00:00:00Z"));
        assertThat(events.get("00003").activity().lastPurchaseAt()).isEqualTo(Instant.parse("1997-03-30T00:00:00Z"));
        assertThat(events.get("00003").activity().totalSpend()).isEqualByComparingTo("41.52");
        assertThat(events.get("00003").activity().currency()).isEqualTo("USD");
        assertThat(events.values()).allMatch(e -> !e.consent().emailMarketing());
    }

    @Test
    void eventIdsDependOnContentNotOnSnapshotTime() {
        CustomerSnapshots now = new CustomerSnapshots(ImportFormat.CSV, ConsentPolicy.SAMPLE, AS_OF, 65536);
        CustomerSnapshots later = new CustomerSnapshots(ImportFormat.CSV, ConsentPolicy.SAMPLE,
                AS_OF.plusSeconds(3600), 65536);
        List<CustomerRow> rows = CustomerSnapshots.byCustomer(Samples.read(ImportFormat.CSV, Samples.CSV).rows())
                .get("C-1");

        CustomerEvent first = now.build("C-1", rows).event();
        assertThat(now.build("C-1", rows).event().eventId()).isEqualTo(first.eventId());
        assertThat(later.build("C-1", rows).event().eventId()).isEqualTo(first.eventId());

        String withdrawn = Samples.CSV.replace(",true,de,", ",false,de,");
        List<CustomerRow> changed = CustomerSnapshots.byCustomer(Samples.read(ImportFormat.CSV, withdrawn).rows())
                .get("C-1");
        assertThat(now.build("C-1", changed).event().eventId()).isNotEqualTo(first.eventId());
        assertThat(now.build("C-2", rows).event().eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void sampleConsentIsDeterministicAndAboutEightyFivePercent() {
        long optIn = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "customer-" + i;
            assertThat(ConsentPolicy.SAMPLE.consents(id)).isEqualTo(ConsentPolicy.SAMPLE.consents(id));
            if (ConsentPolicy.SAMPLE.consents(id)) {
                optIn++;
            }
        }
        assertThat(optIn).isBetween(8_300L, 8_700L);
        assertThat(ConsentPolicy.ALL.consents("x")).isTrue();
        assertThat(ConsentPolicy.NONE.consents("x")).isFalse();
    }

    @Test
    void anOversizedHistoryKeepsItsLatestTransactionsAndTheFullActivity() {
        StringBuilder csv = new StringBuilder("customer_id,order_id,occurred_at,amount\n");
        for (int day = 1; day <= 200; day++) {
            csv.append("C-9,O-").append(day).append(',').append(java.time.LocalDate.of(2024, 1, 1).plusDays(day))
                    .append(",1.00\n");
        }
        List<CustomerRow> rows = Samples.read(ImportFormat.CSV, csv.toString()).rows();
        CustomerSnapshots small = new CustomerSnapshots(ImportFormat.CSV, ConsentPolicy.ALL, AS_OF, 4096);

        CustomerSnapshots.Snapshot snapshot = small.build("C-9", rows);

        assertThat(snapshot.trimmed()).isTrue();
        assertThat(snapshot.json().length).isLessThanOrEqualTo(4096);
        assertThat(snapshot.event().activity().orderCount()).isEqualTo(200);
        assertThat(snapshot.event().transactions()).isNotEmpty().last()
                .extracting(Transaction::orderId).isEqualTo("O-200");
    }

    @Test
    void everySnapshotSurvivesTheContractCodec() {
        for (ImportFormat format : ImportFormat.values()) {
            String text = switch (format) {
                case CDNOW -> Samples.CDNOW;
                case ONLINE_RETAIL -> Samples.ONLINE_RETAIL;
                case CSV -> Samples.CSV;
            };
            events(format, text, ConsentPolicy.SAMPLE).values().forEach(event -> assertThat(
                    EventCodec.decode(EventCodec.encode(event), CustomerEvent.class)).isEqualTo(event));
        }
    }
}
