package dev.agentqueue.breaker;

import dev.agentqueue.contract.RetryableTaskException;
import java.time.Duration;
import java.time.Instant;

/** Signals a call refused by an open (or fully probed half-open) shared breaker; retry once it may half-open. */
public class BreakerOpenException extends RetryableTaskException {

    private static final long serialVersionUID = 1L;

    private final String breaker;
    private final Instant retryAt;

    public BreakerOpenException(String breaker, BreakerState state, Instant retryAt) {
        super(
                "Circuit breaker '" + breaker + "' is " + state + "; calls resume at " + retryAt,
                null,
                Duration.ofMillis(Math.max(0, retryAt.toEpochMilli() - System.currentTimeMillis())));
        this.breaker = breaker;
        this.retryAt = retryAt;
    }

    /** Returns the name of the breaker that refused the call. */
    public String breaker() {
        return breaker;
    }

    /** Returns when the breaker may admit calls again. */
    public Instant retryAt() {
        return retryAt;
    }
}
