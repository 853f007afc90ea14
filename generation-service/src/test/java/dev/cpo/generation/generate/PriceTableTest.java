package dev.cpo.generation.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void pricesPromptAndCompletionTokensPerThousand() {
        PriceTable prices = new PriceTable(new BigDecimal("0.00015"), new BigDecimal("0.0006"));
        // 1,234 * 0.00015 / 1000 + 567 * 0.0006 / 1000 = 0.0001851 + 0.0003402
        assertThat(prices.cost(new Usage(1234, 567))).isEqualByComparingTo("0.0005253");
        assertThat(prices.cost(Usage.NONE)).isEqualByComparingTo("0");
        assertThat(PriceTable.FREE.cost(new Usage(10_000, 10_000))).isEqualByComparingTo("0");
    }

    @Test
    void refusesNegativePrices() {
        assertThatThrownBy(() -> new PriceTable(new BigDecimal("-1"), BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
