package dev.agentqueue.stats;

import java.util.Arrays;

/** Percentiles of the latencies of the tasks sampled in one minute, from enqueue to their last attempt's end. */
public record LatencySummary(long p50Ms, long p95Ms, long maxMs, int sampled) {

    /** Summarises {@code millis} (not changed); returns {@code null} for an empty sample. */
    public static LatencySummary of(long[] millis) {
        if (millis.length == 0) {
            return null;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencySummary(
                percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1], sorted.length);
    }

    // Nearest rank: the smallest value that at least `percent` % of the sample does not exceed.
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
