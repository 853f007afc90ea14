package dev.cpo.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ProgressTest {

    @Test
    void withoutATerminalOnlyAFewPercentageLinesArePrinted() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), Progress.Style.LINES, "sent", 1000, Progress::count);

        for (int i = 0; i < 1000; i++) {
            progress.advance(1);
        }
        progress.finish();

        assertThat(text.toString().lines()).containsExactly("sent 0/1,000 (0%)", "sent 250/1,000 (25%)",
                "sent 500/1,000 (50%)", "sent 750/1,000 (75%)", "sent 1,000/1,000 (100%)");
    }

    @Test
    void theBarIsRedrawnInPlaceAndEndsItsLine() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), Progress.Style.BAR, "sent", 4, Progress::count);

        progress.advance(2);
        assertThat(progress.bar()).isEqualTo("sent [===============               ] 2/4  50%");
        progress.advance(2);
        progress.finish();

        assertThat(text.toString()).startsWith("\rsent [").endsWith("] 4/4 100%" + System.lineSeparator());
        assertThat(Progress.styleFor(true, false)).isEqualTo(Progress.Style.BAR);
        assertThat(Progress.styleFor(false, false)).isEqualTo(Progress.Style.LINES);
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DurationConverter.parse("soon"))
                .isInstanceOf(TypeConversionException.class);
    }
}
