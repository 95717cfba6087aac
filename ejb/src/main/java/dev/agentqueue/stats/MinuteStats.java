package dev.agentqueue.stats;

import java.util.Map;

/**
 * What happened in one minute, over all nodes: messages the task queues took in and acknowledged, tasks that
 * completed and were dead-lettered, and the latency of the completed ones ({@code null} when none completed).
 */
public record MinuteStats(
        long startMs, long added, long acknowledged, long completed, long deadLettered, LatencySummary latency) {

    static final String ADDED = "added";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String COMPLETED = "completed";
    static final String DEAD_LETTERED = "deadLettered";
    static final String P50 = "latencyP50Ms";
    static final String P95 = "latencyP95Ms";
    static final String MAX = "latencyMaxMs";
    static final String SAMPLED = "latencySampled";

    /** Reads a minute's bucket; a missing bucket (an idle minute, or no node sampling) reads as all zeros. */
    static MinuteStats fromHash(long startMs, Map<String, String> hash) {
        LatencySummary latency = hash.containsKey(SAMPLED) && number(hash, SAMPLED) > 0
                ? new LatencySummary(
                        number(hash, P50), number(hash, P95), number(hash, MAX), (int) number(hash, SAMPLED))
                : null;
        return new MinuteStats(
                startMs,
                number(hash, ADDED),
                number(hash, ACKNOWLEDGED),
                number(hash, COMPLETED),
                number(hash, DEAD_LETTERED),
                latency);
    }

    private static long number(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
