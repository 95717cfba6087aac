package dev.agentqueue.breaker;

import java.time.Instant;
import java.util.Map;

/**
 * What one shared breaker looks like now: its state, the rolling window, lifetime counts and its parameters.
 *
 * @param nextHalfOpenAt when an OPEN breaker admits a probe; null in other states
 */
public record BreakerSnapshot(
        String name,
        BreakerState state,
        int windowSize,
        int windowFailures,
        long calls,
        long successes,
        long failures,
        long rejected,
        long opens,
        Instant openedAt,
        Instant nextHalfOpenAt,
        BreakerParameters parameters) {

    /** Builds a snapshot from a breaker hash. */
    static BreakerSnapshot fromHash(String name, Map<String, String> hash, BreakerParameters parameters) {
        BreakerState state = BreakerState.valueOf(hash.getOrDefault("state", BreakerState.CLOSED.name()));
        String window = hash.getOrDefault("window", "");
        long openedAt = number(hash.get("openedAt"));
        return new BreakerSnapshot(
                name,
                state,
                window.length(),
                (int) window.chars().filter(c -> c == 'f').count(),
                number(hash.get("calls")),
                number(hash.get("successes")),
                number(hash.get("failures")),
                number(hash.get("rejected")),
                number(hash.get("opens")),
                openedAt > 0 && state != BreakerState.CLOSED ? Instant.ofEpochMilli(openedAt) : null,
                state == BreakerState.OPEN
                        ? Instant.ofEpochMilli(openedAt + parameters.delay().toMillis())
                        : null,
                parameters);
    }

    private static long number(String text) {
        return text == null || text.isEmpty() ? 0 : Long.parseLong(text);
    }
}
