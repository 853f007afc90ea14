package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipleTestingTest {

    private static final double[] P = {0.01, 0.04, 0.03, 0.005};

    @Test
    void holm() {
        // sorted: 0.005 (#4), 0.01 (#1), 0.03 (#3), 0.04 (#2); m = 4
        // 4*0.005 = 0.02; 3*0.01 = 0.03 -> max 0.03; 2*0.03 = 0.06 -> 0.06; 1*0.04 = 0.04 -> max(0.06) = 0.06
        // input order -> [0.03, 0.06, 0.06, 0.02]
        assertThat(MultipleTesting.holm(P)).containsExactly(new double[]{0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void benjaminiHochberg() {
        // sorted p_(j) * m / j: 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04
        // running min from the top: 0.04, 0.04, 0.02, 0.02 -> input order [0.02, 0.04, 0.04, 0.02]
        assertThat(MultipleTesting.benjaminiHochberg(P))
                .containsExactly(new double[]{0.02, 0.04, 0.04, 0.02}, within(1e-12));
    }

    @Test
    void clampsToOneAndKeepsMonotone() {
        double[] p = {0.5, 0.6, 0.01};
        // Holm: 3*0.01 = 0.03; 2*0.5 = 1.0; 1*0.6 = 0.6 -> max 1.0
        assertThat(MultipleTesting.holm(p)).containsExactly(new double[]{1.0, 1.0, 0.03}, within(1e-12));
        // BH: 0.6*3/3 = 0.6; 0.5*3/2 = 0.75 -> min 0.6; 0.01*3 = 0.03
        assertThat(MultipleTesting.benjaminiHochberg(p)).containsExactly(new double[]{0.6, 0.6, 0.03}, within(1e-12));
    }

    @Test
    void nullsAreLeftOutOfTheFamily() {
        List<Double> adjusted = MultipleTesting.holm(Arrays.asList(0.01, null, 0.04));
        // m = 2: 2*0.01 = 0.02, 1*0.04 = 0.04
        assertThat(adjusted.get(0)).isCloseTo(0.02, within(1e-12));
        assertThat(adjusted.get(1)).isNull();
        assertThat(adjusted.get(2)).isCloseTo(0.04, within(1e-12));
        assertThat(MultipleTesting.benjaminiHochberg(Arrays.asList(null, 0.02)))
                .containsExactly(null, 0.02);
        assertThat(MultipleTesting.holm(new double[0])).isEmpty();
    }
}
