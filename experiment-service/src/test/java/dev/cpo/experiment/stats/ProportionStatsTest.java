package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionStatsTest {

    private static final double ALPHA = 0.05;

    @Test
    void wilsonIntervalMatchesHandComputation() {
        // p = 81/263 = 0.307985, z = 1.959964, z^2 = 3.841459, z^2/n = 0.014606
        // centre = (0.307985 + 0.007303) / 1.014606 = 0.310754
        // half = 1.959964 / 1.014606 * sqrt(0.307985*0.692015/263 + 3.841459/(4*263^2))
        //      = 1.931748 * sqrt(0.00081039 + 0.00001388) = 0.055462
        // -> [0.255289, 0.366210]
        Estimate w = ProportionStats.wilson(81, 263, ALPHA);
        assertThat(w.value()).isCloseTo(81.0 / 263, within(1e-12));
        assertThat(w.lower()).isCloseTo(0.2552885, within(1e-6));
        assertThat(w.upper()).isCloseTo(0.3662096, within(1e-6));
    }

    @Test
    void wilsonBoundaries() {
        Estimate zero = ProportionStats.wilson(0, 10, ALPHA);
        assertThat(zero.value()).isEqualTo(0.0);
        assertThat(zero.lower()).isEqualTo(0.0);
        // upper = z^2/n / (1 + z^2/n) = 0.3841459 / 1.3841459 = 0.277533
        assertThat(zero.upper()).isCloseTo(0.2775328, within(1e-6));

        Estimate all = ProportionStats.wilson(10, 10, ALPHA);
        assertThat(all.value()).isEqualTo(1.0);
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.lower()).isCloseTo(1 - 0.2775328, within(1e-6));

        assertThat(ProportionStats.wilson(0, 0, ALPHA)).isEqualTo(Estimate.UNDEFINED);
    }

    @Test
    void twoProportionZTestMatchesHand() {
        // treatment 250/1000, control 200/1000. Pooled p = 450/2000 = 0.225,
        // SE = sqrt(0.225 * 0.775 * (2/1000)) = sqrt(0.00034875) = 0.0186748, z = 0.05 / 0.0186748 = 2.677398,
        // p = 2 * (1 - Phi(2.677398)) = 0.0074196.
        // (The brief's "z = 2.7116, p = 0.0067" does not follow from these numbers; the hand value above does, and scipy
        // chi2_contingency(correction=False) agrees: chi2 = 7.168459 = 2.677398^2, p = 0.0074196.)
        assertThat(ProportionStats.zStatistic(250, 1000, 200, 1000)).isCloseTo(2.6773978, within(1e-6));
        assertThat(ProportionStats.zTestPValue(250, 1000, 200, 1000).getAsDouble()).isCloseTo(0.0074196, within(1e-6));
        // symmetric in direction
        assertThat(ProportionStats.zStatistic(200, 1000, 250, 1000)).isCloseTo(-2.6773978, within(1e-6));
    }

    @Test
    void chiSquareWithoutCorrectionEqualsZSquared() {
        long[][] cases = {{250, 1000, 200, 1000}, {20, 100, 10, 100}, {7, 50, 19, 80}, {1234, 9876, 1100, 10002}};
        for (long[] c : cases) {
            double z = ProportionStats.zStatistic(c[0], c[1], c[2], c[3]);
            double chi2 = ProportionStats.chiSquareStatistic(c[0], c[1], c[2], c[3]);
            assertThat(chi2).isCloseTo(z * z, within(1e-9));
            assertThat(ProportionStats.chiSquarePValue(c[0], c[1], c[2], c[3]).getAsDouble())
                    .isCloseTo(ProportionStats.zTestPValue(c[0], c[1], c[2], c[3]).getAsDouble(), within(1e-12));
        }
        // 20/100 vs 10/100: chi2 = 200 * (20*90 - 80*10)^2 / (100*100*30*170) = 3.921569, p = 0.0476704 (scipy)
        assertThat(ProportionStats.chiSquareStatistic(20, 100, 10, 100)).isCloseTo(3.9215686, within(1e-6));
        assertThat(ProportionStats.chiSquarePValue(20, 100, 10, 100).getAsDouble()).isCloseTo(0.0476704, within(1e-6));
    }

    @Test
    void fisherExactTeaTasting() {
        // [[3,1],[1,3]]: margins 4/4, P(k) = C(4,k) C(4,4-k) / C(8,4) = {1,16,36,16,1}/70.
        // Tables no more probable than P(3) = 16/70: k = 0,1,3,4 -> 34/70 = 0.485714.
        assertThat(ProportionStats.fisherExactPValue(3, 1, 1, 3).getAsDouble()).isCloseTo(34.0 / 70, within(1e-9));
    }

    @Test
    void fisherExactOtherKnownValues() {
        // R / scipy: fisher.test(matrix(c(1,11,9,3),2)) p = 0.002759456
        assertThat(ProportionStats.fisherExactPValue(1, 9, 11, 3).getAsDouble()).isCloseTo(0.0027594562, within(1e-9));
        // 5/20 vs 0/20: scipy 0.047124047
        assertThat(ProportionStats.fisherExactPValueForArms(5, 20, 0, 20).getAsDouble())
                .isCloseTo(0.0471240471, within(1e-9));
        assertThat(ProportionStats.fisherExactPValue(0, 0, 0, 0).getAsDouble()).isEqualTo(1.0);
    }

    @Test
    void testChoiceSwitchesToFisherWhenExpectedCountBelowFive() {
        // expected successes per arm = 20 * 5/40 = 2.5 < 5
        assertThat(ProportionStats.needsExactTest(5, 20, 0, 20)).isTrue();
        ProportionStats.TestResult small = ProportionStats.test(5, 20, 0, 20);
        assertThat(small.test()).isEqualTo(TestKind.FISHER_EXACT);
        assertThat(small.pValue()).isCloseTo(0.0471240471, within(1e-9));

        assertThat(ProportionStats.needsExactTest(250, 1000, 200, 1000)).isFalse();
        ProportionStats.TestResult large = ProportionStats.test(250, 1000, 200, 1000);
        assertThat(large.test()).isEqualTo(TestKind.CHI_SQUARE);
        assertThat(large.pValue()).isCloseTo(0.0074196, within(1e-6));
    }

    @Test
    void differenceWithWaldInterval() {
        // 0.25 - 0.20 = 0.05, SE = sqrt(0.25*0.75/1000 + 0.2*0.8/1000) = sqrt(0.0003475) = 0.0186414
        // CI = 0.05 ± 1.959964 * 0.0186414 = [0.0134636, 0.0865364]
        Estimate d = ProportionStats.difference(250, 1000, 200, 1000, ALPHA);
        assertThat(d.value()).isCloseTo(0.05, within(1e-12));
        assertThat(d.lower()).isCloseTo(0.0134636, within(1e-6));
        assertThat(d.upper()).isCloseTo(0.0865364, within(1e-6));
    }

    @Test
    void relativeLiftWithLogDeltaInterval() {
        // lift = 0.25/0.20 - 1 = 0.25; SE(ln ratio) = sqrt(0.75/250 + 0.8/200) = sqrt(0.007) = 0.0836660
        // CI = exp(ln 1.25 ± 1.959964*0.0836660) - 1 = [0.0609463, 0.4727419]
        Estimate lift = ProportionStats.relativeLift(250, 1000, 200, 1000, ALPHA);
        assertThat(lift.value()).isCloseTo(0.25, within(1e-12));
        assertThat(lift.lower()).isCloseTo(0.0609463, within(1e-6));
        assertThat(lift.upper()).isCloseTo(0.4727419, within(1e-6));
    }

    @Test
    void controlRateZeroMakesLiftUndefined() {
        assertThat(ProportionStats.relativeLift(5, 100, 0, 100, ALPHA)).isEqualTo(Estimate.UNDEFINED);
        Estimate treatmentZero = ProportionStats.relativeLift(0, 100, 5, 100, ALPHA);
        assertThat(treatmentZero.value()).isEqualTo(-1.0);
        assertThat(treatmentZero.lower()).isNull();
        assertThat(treatmentZero.upper()).isNull();
    }

    @Test
    void emptyArmGivesUndefinedEverything() {
        assertThat(ProportionStats.difference(5, 100, 0, 0, ALPHA)).isEqualTo(Estimate.UNDEFINED);
        assertThat(ProportionStats.relativeLift(0, 0, 5, 100, ALPHA)).isEqualTo(Estimate.UNDEFINED);
        assertThat(ProportionStats.zTestPValue(5, 100, 0, 0)).isEmpty();
        assertThat(ProportionStats.chiSquarePValue(0, 0, 5, 100)).isEmpty();
        assertThat(ProportionStats.fisherExactPValueForArms(0, 0, 5, 100)).isEmpty();
        assertThat(ProportionStats.test(0, 0, 0, 0).pValue()).isNull();
    }

    @Test
    void zeroConversionsInBothArmsGivePValueOne() {
        // Documented choice: a degenerate table is no evidence of a difference -> p = 1, difference 0 with [0, 0].
        assertThat(ProportionStats.zTestPValue(0, 1000, 0, 1000).getAsDouble()).isEqualTo(1.0);
        assertThat(ProportionStats.chiSquarePValue(0, 1000, 0, 1000).getAsDouble()).isEqualTo(1.0);
        assertThat(ProportionStats.test(0, 1000, 0, 1000).test()).isEqualTo(TestKind.FISHER_EXACT);
        assertThat(ProportionStats.test(0, 1000, 0, 1000).pValue()).isEqualTo(1.0);
        assertThat(ProportionStats.difference(0, 1000, 0, 1000, ALPHA)).isEqualTo(new Estimate(0.0, 0.0, 0.0));
        assertThat(ProportionStats.relativeLift(0, 1000, 0, 1000, ALPHA)).isEqualTo(Estimate.UNDEFINED);
    }

    @Test
    void fullConversionInBothArms() {
        assertThat(ProportionStats.zTestPValue(50, 50, 80, 80).getAsDouble()).isEqualTo(1.0);
        assertThat(ProportionStats.test(50, 50, 80, 80).pValue()).isEqualTo(1.0);
        assertThat(ProportionStats.difference(50, 50, 80, 80, ALPHA)).isEqualTo(new Estimate(0.0, 0.0, 0.0));
        Estimate lift = ProportionStats.relativeLift(50, 50, 80, 80, ALPHA);
        assertThat(lift.value()).isEqualTo(0.0);
        assertThat(lift.lower()).isEqualTo(0.0);
        assertThat(lift.upper()).isEqualTo(0.0);
        Estimate w = ProportionStats.wilson(50, 50, ALPHA);
        assertThat(w.upper()).isEqualTo(1.0);
    }
}
