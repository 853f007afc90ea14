package dev.cpo.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArmAggregateTest {

    @Test
    void addingEventsUpdatesCountsAndSums() {
        ArmAggregate a = new ArmAggregate();
        for (int i = 0; i < 5; i++) {
            a.addAssignment();
        }
        a.addOpen().addOpen().addOpen();
        a.addClick().addClick();
        a.addConversion(10.0).addConversion(30.0);

        assertThat(a.n()).isEqualTo(5);
        assertThat(a.opens()).isEqualTo(3);
        assertThat(a.clicks()).isEqualTo(2);
        assertThat(a.conversions()).isEqualTo(2);
        assertThat(a.revenueSum()).isEqualTo(40.0);
        assertThat(a.revenueSumOfSquares()).isEqualTo(1000.0);
        assertThat(a.rate(Metric.OPEN)).isEqualTo(0.6);
        assertThat(a.rate(Metric.CONVERSION)).isEqualTo(0.4);
        assertThat(a.count(Metric.CLICK)).isEqualTo(2);
        assertThat(a.revenueMean()).isEqualTo(8.0);
    }

    @Test
    void revenueVarianceFromSumsEqualsVarianceOfRawPerCustomerValues() {
        // 8 customers; 3 convert with revenue, 5 have revenue 0.
        double[] perCustomer = {12.5, 0, 0, 99.99, 0, 7.25, 0, 0};
        ArmAggregate a = new ArmAggregate();
        for (double r : perCustomer) {
            a.addAssignment();
            if (r > 0) {
                a.addConversion(r);
            }
        }
        double mean = 0;
        for (double r : perCustomer) {
            mean += r;
        }
        mean /= perCustomer.length;
        double ss = 0;
        for (double r : perCustomer) {
            ss += (r - mean) * (r - mean);
        }
        double rawVariance = ss / (perCustomer.length - 1);

        assertThat(a.revenueMean()).isCloseTo(mean, within(1e-12));
        assertThat(a.revenueVariance()).isCloseTo(rawVariance, within(1e-9));
        // hand value: mean = 119.74/8 = 14.9675
        assertThat(a.revenueMean()).isCloseTo(14.9675, within(1e-12));
    }

    @Test
    void emptyAndSingleCustomerArmsHaveUndefinedStatistics() {
        ArmAggregate empty = new ArmAggregate();
        assertThat(empty.rate(Metric.CONVERSION)).isNaN();
        assertThat(empty.revenueMean()).isNaN();
        assertThat(empty.revenueVariance()).isNaN();

        ArmAggregate one = new ArmAggregate().addAssignment();
        assertThat(one.revenueMean()).isEqualTo(0.0);
        assertThat(one.revenueVariance()).isNaN();
    }

    @Test
    void mergeAndCopyAddSums() {
        ArmAggregate a = ArmAggregate.of(10, 5, 2, 1, 20.0, 400.0);
        ArmAggregate b = ArmAggregate.of(5, 1, 1, 1, 5.0, 25.0);
        ArmAggregate merged = a.copy().merge(b);
        assertThat(merged.n()).isEqualTo(15);
        assertThat(merged.opens()).isEqualTo(6);
        assertThat(merged.conversions()).isEqualTo(2);
        assertThat(merged.revenueSumOfSquares()).isEqualTo(425.0);
        assertThat(a.n()).isEqualTo(10);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> new ArmAggregate().addConversion(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmAggregate.of(-1, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArmAggregate().count(Metric.REVENUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
