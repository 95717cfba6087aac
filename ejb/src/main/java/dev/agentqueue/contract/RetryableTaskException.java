package dev.agentqueue.contract;

import java.time.Duration;
import java.util.Optional;

/** Signals a transient failure: the task is retried with the broker's backoff until its attempts run out. */
public class RetryableTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RetryableTaskException(String message) {
        this(message, null, null);
    }

    public RetryableTaskException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** Creates a failure whose next attempt should wait at least {@code retryAfter} (e.g. HTTP Retry-After). */
    public RetryableTaskException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** Returns the least wait the downstream asked for before the next attempt, if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
