package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class MeanStatsTest {

    /** sum and sum of squares of a sample with the given n, mean and (sample) standard deviation. */
    private static double[] sums(long n, double mean, double sd) {
        double sum = n * mean;
        double sumSq = (n - 1) * sd * sd + n * mean * mean;
        return new double[]{sum, sumSq};
    }

    @Test
    void welchMatchesHandComputation() {
        // treatment n=60, mean 11, sd 3; control n=50, mean 10, sd 2.
        // vT/nT = 9/60 = 0.15, vC/nC = 4/50 = 0.08, SE^2 = 0.23, SE = 0.4795832
        // t = 1 / 0.4795832 = 2.0851441
        // df = 0.23^2 / (0.15^2/59 + 0.08^2/49) = 0.0529 / (0.000381356 + 0.000130612) = 103.3267347
        double t = 1.0 / Math.sqrt(0.23);
        double df = 0.0529 / (0.15 * 0.15 / 59 + 0.08 * 0.08 / 49);
        assertThat(t).isCloseTo(2.0851441, within(1e-6));
        assertThat(df).isCloseTo(103.3267347, within(1e-6));
        // p from the t distribution only (scipy: 0.0395205)
        TDistribution dist = new TDistribution(df);
        double p = 2 * (1 - dist.cumulativeProbability(t));
        assertThat(p).isCloseTo(0.0395205, within(1e-6));
        double q = dist.inverseCumulativeProbability(0.975);

        double[] tr = sums(60, 11, 3);
        double[] co = sums(50, 10, 2);
        MeanStats.WelchResult r = MeanStats.welch(60, tr[0], tr[1], 50, co[0], co[1], 0.05);
        assertThat(r.meanTreatment()).isCloseTo(11.0, within(1e-12));
        assertThat(r.meanControl()).isCloseTo(10.0, within(1e-12));
        assertThat(r.t()).isCloseTo(t, within(1e-9));
        assertThat(r.df()).isCloseTo(df, within(1e-6));
        assertThat(r.pValue()).isCloseTo(p, within(1e-9));
        assertThat(r.difference().value()).isCloseTo(1.0, within(1e-12));
        // CI = 1 ± t_{0.975, 103.33} * 0.4795832 = [0.0488957, 1.9511043] (scipy)
        assertThat(r.difference().lower()).isCloseTo(1 - q * Math.sqrt(0.23), within(1e-9));
        assertThat(r.difference().lower()).isCloseTo(0.0488957, within(1e-5));
        assertThat(r.difference().upper()).isCloseTo(1.9511043, within(1e-5));
    }

    @Test
    void welchFromAggregates() {
        ArmAggregate t = new ArmAggregate();
        ArmAggregate c = new ArmAggregate();
        double[] tRevenue = {0, 0, 10, 20, 0, 30};
        double[] cRevenue = {0, 5, 0, 0, 10};
        for (double r : tRevenue) {
            t.addAssignment();
            if (r > 0) {
                t.addConversion(r);
            }
        }
        for (double r : cRevenue) {
            c.addAssignment();
            if (r > 0) {
                c.addConversion(r);
            }
        }
        // T: mean 10, var = (100+100+0+100+100+400)/5 = 160; C: mean 3, var = (9+4+9+9+49)/4 = 20
        // SE^2 = 160/6 + 20/5 = 30.666667; t = 7 / 5.537749 = 1.264051
        // df = 30.666667^2 / ((26.666667^2)/5 + 4^2/4) = 940.444444 / (142.222222 + 4) = 6.431611
        MeanStats.WelchResult r = MeanStats.welch(t, c, 0.05);
        assertThat(r.t()).isCloseTo(7 / Math.sqrt(160.0 / 6 + 4), within(1e-9));
        assertThat(r.t()).isCloseTo(1.264051, within(1e-6));
        assertThat(r.df()).isCloseTo(6.431611, within(1e-6));
    }

    @Test
    void undefinedAndDegenerateCases() {
        MeanStats.WelchResult empty = MeanStats.welch(0, 0, 0, 10, 5, 5, 0.05);
        assertThat(empty.meanTreatment()).isNull();
        assertThat(empty.pValue()).isNull();
        assertThat(empty.difference().value()).isNull();

        // both arms all zero revenue: variances 0, equal means -> p = 1, zero-width interval, t and df undefined
        MeanStats.WelchResult zeros = MeanStats.welch(100, 0, 0, 100, 0, 0, 0.05);
        assertThat(zeros.pValue()).isEqualTo(1.0);
        assertThat(zeros.t()).isNull();
        assertThat(zeros.df()).isNull();
        assertThat(zeros.difference()).isEqualTo(new Estimate(0.0, 0.0, 0.0));
    }

    @Test
    void relativeLiftOfMeans() {
        double[] tr = sums(60, 11, 3);
        double[] co = sums(50, 10, 2);
        // lift = 0.1; SE(ln ratio) = sqrt(9/(60*121) + 4/(50*100)) = sqrt(0.00123967 + 0.0008) = 0.0451627
        // CI = exp(ln 1.1 ± 1.959964 * 0.0451627) - 1 = [0.0068046, 0.2018459]
        Estimate lift = MeanStats.relativeLift(60, tr[0], tr[1], 50, co[0], co[1], 0.05);
        double se = Math.sqrt(9.0 / (60 * 121) + 4.0 / (50 * 100));
        assertThat(lift.value()).isCloseTo(0.1, within(1e-12));
        assertThat(lift.lower()).isCloseTo(Math.exp(Math.log(1.1) - 1.959963985 * se) - 1, within(1e-8));
        assertThat(lift.upper()).isCloseTo(Math.exp(Math.log(1.1) + 1.959963985 * se) - 1, within(1e-8));
        assertThat(MeanStats.relativeLift(10, 5, 5, 10, 0, 0, 0.05)).isEqualTo(Estimate.UNDEFINED);
    }
}
