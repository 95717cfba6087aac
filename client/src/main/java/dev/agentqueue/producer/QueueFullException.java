package dev.agentqueue.producer;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/** Thrown when the task queue is deeper than its configured limit; retry after the given wait. */
@ApplicationException(rollback = true)
public class QueueFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public QueueFullException(long depth, long limit, Duration retryAfter) {
        super("The task queue holds " + depth + " messages, over its limit of " + limit
                + " (agentqueue.enqueue.max-queue-depth); retry later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
