package dev.cpo.experiment.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.events.ArmKind;
import dev.cpo.events.EngagementEvent;
import dev.cpo.events.EngagementType;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import on small in-memory files: quoting, every validation rule, line numbers, the summary's extra counts. */
class HillstromImportBadInputTest {

    private static final String HEADER = "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend\r\n";

    private final List<RowEvents> rows = new ArrayList<>();
    private final List<LineError> errors = new ArrayList<>();
    private final ImportSink sink = ImportSink.of(rows::add, errors::add);

    private ImportSummary run(String csv) throws IOException {
        return new HillstromImport().importFrom(new StringReader(csv), sink);
    }

    @Test
    void badLinesAreReportedWithTheirLineAndColumnAndGoodLinesStillProduced() throws IOException {
        String csv = HEADER
                + "6,\"6) $750 - $1,000\",828.42,1,0,Surburban,1,Multichannel,Mens E-Mail,1,1,29.99\r\n" // 2 ok
                + "6,1) $0 - $100,29.99,1,0,Urban,1,Web,No E-Mail,0,0\r\n" // 3 11 columns
                + "6,1) $0 - $100,29.99,1,0,Urban,1,Web,No E-Mail,2,0,0\r\n" // 4 visit=2
                + "6,1) $0 - $100,29.99,1,0,Urban,1,Web,No E-Mail,1,1,-1\r\n" // 5 spend=-1
                + "6,1) $0 - $100,29.99,1,0,Urban,1,Web,No E-Mail,1,1,abc\r\n" // 6 spend=abc
                + "6,1) $0 - $100,29.99,1,0,Urban,1,Web,Kids E-Mail,0,0,0\r\n" // 7 unknown segment
                + "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\r\n" // 8 ok
                + "6,1) $0 - $100,29.99,1,0,Urban,1,,No E-Mail,0,0,0\r\n" // 9 empty channel
                + "6,1) $0 - $100,29.99,1,0,Rural,yes,Web,No E-Mail,0,3,0\r\n" // 10 newbie and conversion
                + "3,7) $1,000 +,1200.00,1,1,Rural,0,Web,Womens E-Mail,0,0,0\r\n" // 11 unquoted comma: 13 columns
                + "1,1) $0 - $100,10.00,0,1,Urban,0,Phone,No E-Mail,0,1,12.50\r\n" // 12 ok: conversion, no visit
                + "2,1) $0 - $100,10.00,0,1,Urban,0,Phone,Mens E-Mail,0,0,7\r\n" // 13 ok: spend, no conversion
                + "2,1) $0 - $100,10.00,0,1,Urban,0,Phone,Mens E-Mail,1,1,0\r\n" // 14 ok: conversion, spend 0
                + "2,1) $0 - $100,10.00,0,1,,0,Phone,Mens E-Mail,0,0,1e3\r\n"; // 15 zip empty, spend exponent
        ImportSummary summary = run(csv);

        assertThat(errors).extracting(LineError::line).containsExactly(3L, 4L, 5L, 6L, 7L, 9L, 10L, 11L, 15L);
        assertThat(errors.get(0).reason()).isEqualTo("wrong column count: expected 12, found 11");
        assertThat(errors.get(1).reason()).isEqualTo("column 'visit' must be 0 or 1");
        assertThat(errors.get(2).reason()).isEqualTo("column 'spend' must not be negative");
        assertThat(errors.get(3).reason()).isEqualTo("column 'spend' must be a non-negative decimal");
        assertThat(errors.get(4).reason()).startsWith("column 'segment' must be one of ").contains("'No E-Mail'");
        assertThat(errors.get(5).reason()).isEqualTo("column 'channel' must not be empty");
        assertThat(errors.get(6).reason())
                .isEqualTo("column 'newbie' must be 0 or 1; column 'conversion' must be 0 or 1");
        assertThat(errors.get(7).reason()).isEqualTo("wrong column count: expected 12, found 13");
        assertThat(errors.get(8).reason())
                .isEqualTo("column 'zip_code' must not be empty; column 'spend' must be a non-negative decimal");
        assertThat(errors).allSatisfy(error -> assertThat(error.reason()).doesNotContain("Kids", "abc"));

        assertThat(rows).extracting(RowEvents::line).containsExactly(2L, 8L, 12L, 13L, 14L);
        // row numbers count rejected records too: line n is row n - 1
        assertThat(rows).extracting(row -> row.assignment().customerId())
                .containsExactly("hillstrom-1", "hillstrom-7", "hillstrom-11", "hillstrom-12", "hillstrom-13");

        RowEvents quoted = rows.get(0);
        assertThat(quoted.assignment().arm()).isEqualTo("mens-email");
        assertThat(quoted.assignment().kind()).isEqualTo(ArmKind.TREATMENT);
        assertThat(quoted.assignment().segment().id())
                .isEqualTo("history=6-750-1-000;zip=surburban;channel=multichannel;newbie=1");
        assertThat(quoted.assignment().segment().label())
                .isEqualTo("$750 - $1,000 history, Surburban, Multichannel, new");
        assertThat(quoted.engagement()).extracting(EngagementEvent::type)
                .containsExactly(EngagementType.CLICKED, EngagementType.CONVERTED);
        BigDecimal revenue = quoted.engagement().get(1).revenue();
        assertThat(revenue).isEqualTo(new BigDecimal("29.99")); // exact, scale kept
        assertThat(revenue.scale()).isEqualTo(2);

        RowEvents returning = rows.get(1);
        assertThat(returning.assignment().segment().id())
                .isEqualTo("history=2-100-200;zip=surburban;channel=phone;newbie=0");
        assertThat(returning.assignment().segment().label())
                .isEqualTo("$100 - $200 history, Surburban, Phone, returning");
        assertThat(returning.assignment().segment().strategy()).isEqualTo("hillstrom");
        assertThat(returning.assignment().segment().modelVersion()).isEqualTo("hillstrom-2008");
        assertThat(returning.engagement()).isEmpty();

        // inconsistent funnels are emitted as the columns say
        assertThat(rows.get(2).assignment().kind()).isEqualTo(ArmKind.CONTROL);
        assertThat(rows.get(2).assignment().subject()).isNotBlank();
        assertThat(rows.get(2).assignment().body()).contains("No e-mail was sent");
        assertThat(rows.get(2).engagement()).extracting(EngagementEvent::type)
                .containsExactly(EngagementType.CONVERTED);
        assertThat(rows.get(2).engagement().get(0).revenue()).isEqualByComparingTo("12.50");
        assertThat(rows.get(3).engagement()).isEmpty();
        assertThat(rows.get(4).engagement().get(1).revenue()).isEqualByComparingTo("0");

        assertThat(summary.headerValid()).isTrue();
        assertThat(summary.rowsRead()).isEqualTo(14);
        assertThat(summary.rowsOk()).isEqualTo(5);
        assertThat(summary.rowsRejected()).isEqualTo(9);
        assertThat(summary.lineErrors()).isEqualTo(9);
        assertThat(summary.clean()).isFalse();
        assertThat(summary.assignments()).isEqualTo(5);
        assertThat(summary.clicks()).isEqualTo(2);
        assertThat(summary.conversions()).isEqualTo(3);
        assertThat(summary.revenue()).isEqualByComparingTo("42.49");
        assertThat(summary.spend()).isEqualByComparingTo("49.49");
        assertThat(summary.conversionsWithoutVisit()).isEqualTo(1);
        assertThat(summary.spendWithoutConversion()).isEqualTo(1);
        assertThat(summary.conversionsWithoutSpend()).isEqualTo(1);
        assertThat(summary.distinctSegments()).isEqualTo(3);
        assertThat(summary.arms().get("no-email"))
                .isEqualTo(new ImportSummary.ArmCounts(1, 0, 1, new BigDecimal("12.50")));
        assertThat(summary.arms().get("mens-email").assignments()).isEqualTo(3);
        assertThat(summary.arms().get("mens-email").revenue()).isEqualByComparingTo("29.99");
        assertThat(summary.arms().get("womens-email").assignments()).isEqualTo(1);
    }

    @Test
    void aMissingHeaderColumnIsAnErrorForLineOneAndNothingIsImported() throws IOException {
        String csv = "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion\n"
                + "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0\n";
        ImportSummary summary = run(csv);
        assertThat(errors).containsExactly(new LineError(1, "header is missing column 'spend'"));
        assertThat(rows).isEmpty();
        assertThat(summary.headerValid()).isFalse();
        assertThat(summary.rowsRead()).isZero();
        assertThat(summary.clean()).isFalse();
    }

    @Test
    void aDuplicateOrSeveralMissingHeaderColumnsAreNamed() throws IOException {
        run("recency,visit,visit,spend\n1,0,0,0\n");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).line()).isEqualTo(1);
        assertThat(errors.get(0).reason()).contains("missing columns 'history_segment', 'history'")
                .contains("'visit' more than once");
    }

    @Test
    void anEmptyInputIsAnErrorForLineOne() throws IOException {
        ImportSummary summary = run("");
        assertThat(errors).extracting(LineError::line).containsExactly(1L);
        assertThat(summary.clean()).isFalse();
        assertThat(rows).isEmpty();
    }

    @Test
    void aHeaderOnlyFileIsCleanAndEmpty() throws IOException {
        ImportSummary summary = run(HEADER);
        assertThat(summary.clean()).isTrue();
        assertThat(summary.rowsRead()).isZero();
        assertThat(summary.arms()).hasSize(3).allSatisfy((arm, counts) -> assertThat(counts.assignments()).isZero());
    }

    @Test
    void headerColumnsMayComeInAnyOrderAndExtraColumnsAreIgnored() throws IOException {
        String csv = "\uFEFFSpend, segment ,conversion,visit,channel,newbie,zip_code,womens,mens,history,"
                + "history_segment,recency,note\n"
                + "19.90,Womens E-Mail,1,1,Web,1,Rural,1,0,100.00,\"2) $100 - $200\",3,\"a \"\"quoted\"\" note\"\n";
        ImportSummary summary = run(csv);
        assertThat(errors).isEmpty();
        assertThat(summary.rowsOk()).isEqualTo(1);
        RowEvents row = rows.get(0);
        assertThat(row.assignment().arm()).isEqualTo("womens-email");
        assertThat(row.assignment().segment().id()).isEqualTo("history=2-100-200;zip=rural;channel=web;newbie=1");
        assertThat(row.engagement().get(1).revenue()).isEqualByComparingTo("19.90");
    }

    @Test
    void aQuotedLineBreakKeepsLaterLineNumbersPhysical() throws IOException {
        String csv = HEADER
                + "6,\"1) $0\n- $100\",29.99,1,0,Urban,1,Web,No E-Mail,0,0,0\n" // lines 2-3, ok
                + "\n" // line 4, empty: skipped
                + "6,1) $0 - $100,29.99,1,0,Urban,1,Web,No E-Mail,5,0,0\n" // line 5
                + "6,1) $0 \"-\" $100,29.99,1,0,Urban,1,Web,No E-Mail,0,0,0\n" // line 6, stray quote
                + "6,\"1) $0 - $100\"x,29.99,1,0,Urban,1,Web,No E-Mail,0,0,0\n" // line 7, text after quote
                + "6,\"1) $0 - $100,29.99,1,0,Urban,1,Web,No E-Mail,0,0,0\n"; // line 8, unterminated
        ImportSummary summary = run(csv);
        assertThat(rows).extracting(RowEvents::line).containsExactly(2L);
        assertThat(rows.get(0).assignment().segment().id()).startsWith("history=1-0-100;");
        assertThat(errors).extracting(LineError::line).containsExactly(5L, 6L, 7L, 8L);
        assertThat(errors.get(0).reason()).isEqualTo("column 'visit' must be 0 or 1");
        assertThat(errors.get(1).reason()).contains("quote inside an unquoted field");
        assertThat(errors.get(2).reason()).contains("text after a closing quote");
        assertThat(errors.get(3).reason()).contains("unterminated quoted field");
        assertThat(summary.rowsRead()).isEqualTo(5);
        // the empty line is not a row: the row after it is row 2
        assertThat(errors).hasSize(4);
    }

    @Test
    void validateOnlyReportsTheSameErrorsAndHandsOutNoRows() throws IOException {
        String csv = HEADER
                + "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n"
                + "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,-3\n";
        ImportSummary imported = run(csv);
        List<LineError> validationErrors = new ArrayList<>();
        ImportSummary validated = new HillstromImport().validate(new StringReader(csv), validationErrors::add);
        assertThat(validationErrors).isEqualTo(errors).extracting(LineError::line).containsExactly(3L);
        assertThat(validated).isEqualTo(imported);
        assertThat(validated.clean()).isFalse();
    }

    @Test
    void theSinkCanAbortTheImport() {
        String csv = HEADER + "x\n" + "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n";
        ImportSink abortOnError = ImportSink.of(rows::add, error -> {
            throw new IllegalStateException("aborted at " + error);
        });
        assertThatThrownBy(() -> new HillstromImport().importFrom(new StringReader(csv), abortOnError))
                .isInstanceOf(IllegalStateException.class).hasMessage("aborted at line 2: wrong column count: "
                        + "expected 12, found 1");
        assertThat(rows).isEmpty();
    }

    @Test
    void parametersAreUsed() throws IOException {
        Instant at = Instant.parse("2020-01-01T10:00:00Z");
        new HillstromImport("replay", at).importFrom(new StringReader(HEADER
                + "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,No E-Mail,1,1,5\n"), sink);
        RowEvents row = rows.get(0);
        assertThat(row.assignment().experimentId()).isEqualTo("replay");
        assertThat(row.assignment().occurredAt()).isEqualTo(at);
        assertThat(row.assignment().causationId()).isEqualTo(HillstromImport.rowCausationId("replay", 1));
        assertThat(row.engagement()).extracting(EngagementEvent::occurredAt)
                .containsExactly(Instant.parse("2020-01-02T10:00:00Z"), Instant.parse("2020-01-03T10:00:00Z"));
        assertThat(row.engagement()).allSatisfy(e -> assertThat(e.experimentId()).isEqualTo("replay"));
        assertThatThrownBy(() -> new HillstromImport(" ", at)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HillstromImport("x", null)).isInstanceOf(NullPointerException.class);
    }
}
