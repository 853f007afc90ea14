package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleRatioTest {

    @Test
    void slightImbalanceIsNotFlagged() {
        // expected 5100 each; chi2 = (100^2 + 100^2) / 5100 = 3.921569; p (1 df) = 0.0476704
        SampleRatio.SrmResult r = SampleRatio.test(new long[]{5000, 5200}, new double[]{0.5, 0.5});
        assertThat(r.chiSquare()).isCloseTo(3.9215686, within(1e-6));
        assertThat(r.pValue()).isCloseTo(0.0476704, within(1e-6));
        assertThat(r.mismatch()).isFalse();
        assertThat(r.expected()).containsExactly(5100.0, 5100.0);
    }

    @Test
    void largerImbalanceIsFlagged() {
        // expected 5300 each; chi2 = 2 * 300^2 / 5300 = 33.962264; p = 5.619e-9 < 0.001
        SampleRatio.SrmResult r = SampleRatio.test(new long[]{5000, 5600}, new double[]{50, 50});
        assertThat(r.chiSquare()).isCloseTo(33.9622642, within(1e-6));
        assertThat(r.pValue()).isCloseTo(5.619137e-9, within(1e-13));
        assertThat(r.mismatch()).isTrue();
    }

    @Test
    void fourArmsEqualWeights() {
        // total 4400, expected 1100; chi2 = (3 * 100^2 + 300^2) / 1100 = 109.090909, 3 df, p = 1.72e-23
        SampleRatio.SrmResult r = SampleRatio.test(new long[]{1000, 1000, 1000, 1400}, new double[]{1, 1, 1, 1});
        assertThat(r.chiSquare()).isCloseTo(109.0909091, within(1e-6));
        assertThat(r.pValue()).isLessThan(1e-20);
        assertThat(r.mismatch()).isTrue();
    }

    @Test
    void unequalTargetWeightsMatchedExactly() {
        SampleRatio.SrmResult r = SampleRatio.test(new long[]{9000, 1000}, new double[]{0.9, 0.1});
        assertThat(r.chiSquare()).isCloseTo(0.0, within(1e-9));
        assertThat(r.pValue()).isCloseTo(1.0, within(1e-9));
        assertThat(r.mismatch()).isFalse();
    }

    @Test
    void noCustomersIsUndefinedAndNotFlagged() {
        SampleRatio.SrmResult r = SampleRatio.test(new long[]{0, 0}, new double[]{1, 1});
        assertThat(r.pValue()).isNull();
        assertThat(r.chiSquare()).isNull();
        assertThat(r.mismatch()).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> SampleRatio.test(new long[]{1, 2}, new double[]{1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleRatio.test(new long[]{1, 2}, new double[]{1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
