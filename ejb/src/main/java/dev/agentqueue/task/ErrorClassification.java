package dev.agentqueue.task;

/** How a failure is treated: retried with broker backoff, or sent straight to the dead-letter queue. */
public enum ErrorClassification {
    /** Transient: the broker redelivers the message after the configured backoff. */
    RETRYABLE,
    /** Permanent: retrying cannot help, so the task is dead-lettered at once. */
    TERMINAL
}
