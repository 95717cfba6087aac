package dev.agentqueue.bench;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics over measurements. */
final class Stats {

    private Stats() {}

    /** Returns the q-quantile (0..1) of {@code values} by the nearest-rank method; NaN when there are none. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(Collection<Double> values) {
        return quantile(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    }

    static double min(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
