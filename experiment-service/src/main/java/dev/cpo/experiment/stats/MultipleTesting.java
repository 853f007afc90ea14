package dev.cpo.experiment.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Multiple-testing adjustments. Results keep the input order, are clamped to 1 and monotone in the sorted p-values.
 * Undefined inputs (NaN in arrays, null in lists) are left out of the family (m counts only defined p-values) and stay
 * undefined in the output.
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /**
     * Holm's step-down (family-wise error rate): with defined p-values sorted ascending p_(1..m), {@code adj_(i) = min(1,
     * max_{j<=i} (m - j + 1) p_(j))}.
     */
    public static double[] holm(double[] pValues) {
        Integer[] order = sortedDefinedIndexes(pValues);
        int m = order.length;
        double[] adjusted = nanCopy(pValues.length);
        double running = 0.0;
        for (int i = 0; i < m; i++) {
            double candidate = Math.min(1.0, (m - i) * pValues[order[i]]);
            running = Math.max(running, candidate);
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /**
     * Benjamini–Hochberg step-up (false discovery rate): with defined p-values sorted ascending, {@code adj_(i) = min_{j>=i}
     * min(1, m p_(j) / j)}.
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        Integer[] order = sortedDefinedIndexes(pValues);
        int m = order.length;
        double[] adjusted = nanCopy(pValues.length);
        double running = 1.0;
        for (int i = m - 1; i >= 0; i--) {
            double candidate = Math.min(1.0, (double) m * pValues[order[i]] / (i + 1));
            running = Math.min(running, candidate);
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /** {@link #holm(double[])} on nullable values. */
    public static List<Double> holm(List<Double> pValues) {
        return box(holm(unbox(pValues)));
    }

    /** {@link #benjaminiHochberg(double[])} on nullable values. */
    public static List<Double> benjaminiHochberg(List<Double> pValues) {
        return box(benjaminiHochberg(unbox(pValues)));
    }

    private static Integer[] sortedDefinedIndexes(double[] p) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                if (p[i] < 0.0 || p[i] > 1.0) {
                    throw new IllegalArgumentException("p-value out of [0, 1]: " + p[i]);
                }
                idx.add(i);
            }
        }
        Integer[] order = idx.toArray(new Integer[0]);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i])); // stable: ties keep input order
        return order;
    }

    private static double[] nanCopy(int length) {
        double[] a = new double[length];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double[] unbox(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Numbers.orNaN(values.get(i));
        }
        return a;
    }

    private static List<Double> box(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Numbers.orNull(v));
        }
        return java.util.Collections.unmodifiableList(out);
    }
}
