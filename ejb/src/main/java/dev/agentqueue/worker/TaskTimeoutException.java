package dev.agentqueue.worker;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Thrown when an attempt outlives its timeout; retryable, like any timeout. */
public class TaskTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    public TaskTimeoutException(Duration timeout, Throwable cause) {
        super("Attempt exceeded its timeout of " + timeout.toMillis() + " ms");
        if (cause != null) {
            initCause(cause);
        }
    }
}
