package dev.cpo.cli.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionFileReaderTest {

    @Test
    void cdnowRowsBecomeOrdersAtMidnightUtcWithContentBasedOrderIds() {
        ParsedFile parsed = Samples.read(ImportFormat.CDNOW, Samples.CDNOW);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rowsRead()).isEqualTo(5);
        assertThat(parsed.rows()).extracting(CustomerRow::line, CustomerRow::customerId, CustomerRow::orderId,
                CustomerRow::occurredAt, CustomerRow::amount, CustomerRow::quantity, CustomerRow::currency)
                .containsExactly(
                        tuple(2L, "00001", "19970101-1", Instant.parse("1997-01-01T00:00:00Z"), new BigDecimal("11.77"),
                                1, "USD"),
                        tuple(3L, "00002", "19970112-1", Instant.parse("1997-01-12T00:00:00Z"), new BigDecimal("12.00"),
                                1, "USD"),
                        tuple(4L, "00002", "19970112-2", Instant.parse("1997-01-12T00:00:00Z"), new BigDecimal("77.00"),
                                5, "USD"),
                        tuple(5L, "00003", "19970102-1", Instant.parse("1997-01-02T00:00:00Z"), new BigDecimal("20.76"),
                                2, "USD"),
                        tuple(6L, "00003", "19970330-1", Instant.parse("1997-03-30T00:00:00Z"), new BigDecimal("20.76"),
                                2, "USD"));
    }

    @Test
    void onlineRetailNormalisesIdsRefundsCancellationsAndDropsOverlapDuplicates() {
        ParsedFile parsed = Samples.read(ImportFormat.ONLINE_RETAIL, Samples.ONLINE_RETAIL);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rowsRead()).isEqualTo(7);
        assertThat(parsed.rowsWithoutCustomerId()).isEqualTo(2);
        assertThat(parsed.cancellations()).isEqualTo(2); // one of them without customer id
        assertThat(parsed.duplicateRows()).isEqualTo(1); // 489435 again, equal after rounding to pence
        assertThat(parsed.refundRows()).isEqualTo(1);
        assertThat(parsed.rows()).extracting(CustomerRow::customerId, CustomerRow::orderId, CustomerRow::occurredAt,
                CustomerRow::amount, CustomerRow::quantity)
                .containsExactly(
                        tuple("13085", "489434", Instant.parse("2009-12-01T07:45:00Z"), new BigDecimal("505.30"), 166),
                        tuple("13085", "489435", Instant.parse("2009-12-01T07:46:00Z"), new BigDecimal("145.80"), 60),
                        tuple("13085", "C489449", Instant.parse("2009-12-01T10:33:00Z"), new BigDecimal("-196.10"),
                                100),
                        // June: London is UTC+1
                        tuple("17850", "536365", Instant.parse("2010-06-01T07:26:00Z"), new BigDecimal("139.12"), 40));
    }

    @Test
    void csvReadsColumnsByNameWithBothDateFormsAndOptionalFields() {
        ParsedFile parsed = Samples.read(ImportFormat.CSV, Samples.CSV);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rowsRead()).isEqualTo(7);
        assertThat(parsed.rowsWithoutCustomerId()).isEqualTo(1);
        assertThat(parsed.refundRows()).isEqualTo(2);
        CustomerRow first = parsed.rows().get(0);
        assertThat(first.emailConsent()).isTrue();
        assertThat(first.country()).isEqualTo("DE");
        assertThat(first.email()).isEqualTo("ada@example.com");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(parsed.rows().get(1).occurredAt()).isEqualTo(Instant.parse("2024-02-10T00:00:00Z"));
        assertThat(parsed.rows().get(2).occurredAt()).isEqualTo(Instant.parse("2024-02-11T08:00:00Z"));
        assertThat(parsed.rows().get(2).emailConsent()).isNull();
        assertThat(parsed.rows().get(3).quantity()).isNull();
    }

    @Test
    void csvColumnsMayComeInAnyOrderAndUnknownOnesAreIgnored() {
        ParsedFile parsed = Samples.read(ImportFormat.CSV, """
                amount,segment_hint,occurred_at,customer_id,order_id
                "1,5",x,2024-01-01,"C ""7""\",O-1
                """);

        assertThat(parsed.errors()).extracting(LineError::line, LineError::reason)
                .containsExactly(tuple(2L, "amount is not a number"));
        assertThat(parsed.ignoredColumns()).containsExactly("segment_hint");

        ParsedFile ok = Samples.read(ImportFormat.CSV, """
                amount,segment_hint,occurred_at,customer_id,order_id
                "1.5",x,2024-01-01,"C ""7""\",O-1
                """);
        assertThat(ok.rows()).singleElement().satisfies(row -> {
            assertThat(row.customerId()).isEqualTo("C \"7\"");
            assertThat(row.amount()).isEqualByComparingTo("1.5");
        });
    }

    @Test
    void everyBadLineIsReportedWithItsNumberAndReasonWithoutItsValues() {
        ParsedFile parsed = Samples.read(ImportFormat.CSV, """
                customer_id,order_id,occurred_at,amount,email_consent,email,country,currency
                C-1,O-1,2024-01-05T10:00:00Z,100.00,true,a@b.c,DE,EUR

                C-1,O-2,2024-01-06T10:00:00,12,,,,
                C-2,O-3,2024-01-06,twelve,,,,
                C-2,,2024-01-06,12,,,,
                C-3,O-4,2024-01-06,12,yes,,,
                C-3,O-5,2024-01-06,12,,ada.lovelace.example.com,,
                C-3,O-6,2024-01-06,12,,,Germany,
                C-1,O-7,2024-01-06,12,,,,USD
                C-4,"O-8,2024-01-06,12,,,,
                C-5,O-9,2024-02-30,12,,,,
                """);

        assertThat(parsed.errors()).extracting(LineError::toString).containsExactly(
                "line 4: occurred_at is not an ISO-8601 timestamp with offset nor a yyyy-MM-dd date",
                "line 5: amount is not a number",
                "line 6: order_id is blank",
                "line 7: email_consent must be true, false or blank",
                "line 8: email is not an e-mail address",
                "line 9: country is not an ISO 3166-1 alpha-2 code",
                "line 10: currency differs from this customer's earlier rows (EUR)",
                "line 11: a quoted field is not closed (fields cannot span lines)",
                "line 12: occurred_at is not an ISO-8601 timestamp with offset nor a yyyy-MM-dd date");
        assertThat(parsed.errors()).noneMatch(e -> e.reason().contains("ada.lovelace"));
        assertThat(parsed.rows()).hasSize(1);
        assertThat(parsed.rowsRead()).isEqualTo(10);
    }

    @Test
    void aMissingRequiredColumnIsAnErrorOnTheHeaderLine() {
        ParsedFile parsed = Samples.read(ImportFormat.CSV, "customer_id,order_id,occurred_at\nC-1,O-1,2024-01-01\n");

        assertThat(parsed.errors()).extracting(LineError::toString).containsExactly(
                "line 1: header: required column amount is missing (required: customer_id,order_id,occurred_at,amount)");
        assertThat(parsed.rows()).isEmpty();
    }

    @Test
    void cdnowAndOnlineRetailBadLinesNameTheColumn() {
        ParsedFile cdnow = Samples.read(ImportFormat.CDNOW, """
                 customer_id  date number_of_cds  dollar_value
                 00001 19970101 1 11.77
                 00002 1997011 1 12.00
                 00003 19970112 x 12.00
                 00004 19970112 1 12,00
                 00005 19970112 1
                """);
        assertThat(cdnow.errors()).extracting(LineError::toString).containsExactly(
                "line 3: date is not a yyyyMMdd date",
                "line 4: number_of_cds is not an integer",
                "line 5: dollar_value is not a number",
                "line 6: expected 4 columns (customer_id date number_of_cds dollar_value), found 3");

        ParsedFile retail = Samples.read(ImportFormat.ONLINE_RETAIL, """
                invoice_id,invoice_date,customer_id,domestic_sale,item_types_purchased,total_quantity,total_price
                489434,2009-12-01 07:45,13085.0,True,8,166,505.3
                489435,12/1/09 7:46,13085.0,True,4,sixty,145.8
                489436,12/1/09 7:46,13085.0,True,4,60
                """);
        assertThat(retail.errors()).extracting(LineError::toString).containsExactly(
                "line 2: invoice_date is not a M/d/yy H:mm date",
                "line 3: total_quantity is not an integer",
                "line 4: expected 7 columns, found 6");
    }

    @Test
    void anEmptyFileOrAWrongHeaderIsReported() {
        assertThat(Samples.read(ImportFormat.CDNOW, "\n\n").errors()).extracting(LineError::toString)
                .containsExactly("line 1: the file is empty: a header line is expected");
        assertThat(Samples.read(ImportFormat.ONLINE_RETAIL, "a,b\n").errors()).extracting(LineError::line)
                .containsExactly(1L);
    }
}
