package dev.agentqueue.limits;

/**
 * The limits' answer to a call: admitted, or refused until {@code retryAtMs} because {@code scope} has no room for
 * its {@code dimension} ({@code requests}, {@code tokens}, {@code calls}, or {@code provider} when the provider's
 * rate-limit headers paused it); {@code sequence} numbers the calls its first scope answered.
 */
public record Admission(boolean admitted, long sequence, long retryAtMs, String scope, String dimension) {

    /** Says why a refused call waits, for a task record and the log. */
    public String reason() {
        if (admitted) {
            return "admitted";
        }
        return "provider".equals(dimension)
                ? "the provider of " + scope + " is about to refuse calls"
                : "limit on " + dimension + " of " + scope + " reached";
    }
}
