package dev.agentqueue.broker;

/**
 * The broker's redelivery policy for the task queue (its address-settings): the single source of truth for
 * backoff and attempt limits.
 */
public record RedeliverySettings(
        long redeliveryDelayMs, double multiplier, long maxRedeliveryDelayMs, int maxDeliveryAttempts) {

    /** The values {@code server-config/wildfly/configure.cli} installs; used only when the broker can't be asked. */
    public static final RedeliverySettings DEFAULTS = new RedeliverySettings(1_000, 2.0, 60_000, 5);

    /** Returns the delay the broker applies before redelivering after the given failed attempt (1-based). */
    public long delayAfterAttempt(int attempt) {
        if (redeliveryDelayMs <= 0) {
            return 0;
        }
        double delay = redeliveryDelayMs * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = maxRedeliveryDelayMs > 0 ? Math.min((long) delay, maxRedeliveryDelayMs) : (long) delay;
        return Math.max(0, capped);
    }

    /** Tells whether the given attempt is the last one the broker allows. */
    public boolean isLastAttempt(int attempt) {
        return maxDeliveryAttempts > 0 && attempt >= maxDeliveryAttempts;
    }
}
