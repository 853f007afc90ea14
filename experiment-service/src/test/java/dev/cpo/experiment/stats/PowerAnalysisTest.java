package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PowerAnalysisTest {

    @Test
    void sampleSizeForTenPercentBaselinePlusTwoPoints() {
        // p1 = 0.10, p2 = 0.12, p̄ = 0.11; z_{0.975} = 1.959964, z_{0.8} = 0.841621
        // 1.959964 * sqrt(2*0.11*0.89) = 1.959964 * 0.442493 = 0.867270
        // 0.841621 * sqrt(0.09 + 0.1056)  = 0.841621 * 0.442267 = 0.372222
        // (1.239492)^2 / 0.0004 = 3840.85 -> 3841
        assertThat(PowerAnalysis.rawSampleSize(0.10, 0.02, 0.05, 0.8)).isCloseTo(3840.8475, within(1e-3));
        assertThat(PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.8)).isEqualTo(3841);
        assertThat(PowerAnalysis.sampleSizePerArmRelative(0.10, 0.20, 0.05, 0.8)).isEqualTo(3841);
    }

    @Test
    void minimumDetectableEffectRoundTrips() {
        double mde = PowerAnalysis.minimumDetectableEffect(0.10, 3841, 0.05, 0.8).getAsDouble();
        // 3841 is slightly more than the 3840.85 needed for 0.02, so the MDE is just below 0.02
        assertThat(mde).isLessThan(0.02).isCloseTo(0.02, within(1e-5));
        assertThat(PowerAnalysis.sampleSizePerArm(0.10, mde, 0.05, 0.8)).isEqualTo(3841);

        double mde2 = PowerAnalysis.minimumDetectableEffect(0.05, 20000, 0.01, 0.9).getAsDouble();
        assertThat(PowerAnalysis.rawSampleSize(0.05, mde2, 0.01, 0.9)).isCloseTo(20000, within(1e-3));
    }

    @Test
    void mdeUndefinedForTinySamples() {
        assertThat(PowerAnalysis.minimumDetectableEffect(0.10, 0, 0.05, 0.8)).isEmpty();
        assertThat(PowerAnalysis.minimumDetectableEffect(0.10, 1, 0.05, 0.8)).isEmpty();
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThatThrownBy(() -> PowerAnalysis.sampleSizePerArm(0.99, 0.02, 0.05, 0.8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PowerAnalysis.sampleSizePerArm(0.1, 0.02, 0.05, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
