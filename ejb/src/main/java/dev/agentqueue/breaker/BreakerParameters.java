package dev.agentqueue.breaker;

import java.time.Duration;

/**
 * How a shared breaker trips and recovers; mirrors MicroProfile Fault Tolerance {@code @CircuitBreaker}.
 *
 * @param requestVolumeThreshold size of the rolling window; the breaker never opens before it is full
 * @param failureRatio share of failures in a full window that opens the breaker
 * @param delay how long the breaker stays open before it admits a probe
 * @param successThreshold probe successes in a row that close it again
 * @param probeLease how long a half-open probe may run before another node may probe instead
 */
public record BreakerParameters(
        int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold, Duration probeLease) {

    public static final int DEFAULT_REQUEST_VOLUME_THRESHOLD = 20;
    public static final double DEFAULT_FAILURE_RATIO = 0.5;
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final Duration DEFAULT_PROBE_LEASE = Duration.ofSeconds(60);

    public static final BreakerParameters DEFAULTS = new BreakerParameters(
            DEFAULT_REQUEST_VOLUME_THRESHOLD,
            DEFAULT_FAILURE_RATIO,
            DEFAULT_DELAY,
            DEFAULT_SUCCESS_THRESHOLD,
            DEFAULT_PROBE_LEASE);

    public BreakerParameters {
        if (requestVolumeThreshold < 1) {
            throw new IllegalArgumentException("requestVolumeThreshold must be at least 1");
        }
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("failureRatio must be in (0, 1]");
        }
        if (delay.isNegative() || successThreshold < 1 || probeLease.isNegative()) {
            throw new IllegalArgumentException("delay and probeLease must not be negative, successThreshold >= 1");
        }
    }
}
