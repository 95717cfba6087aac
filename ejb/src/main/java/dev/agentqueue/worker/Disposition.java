package dev.agentqueue.worker;

/** What the message-driven bean does with the delivery's transaction once the worker has handled it. */
public enum Disposition {
    /** Commit: the message is consumed (done, dead-lettered, or re-sent for later). */
    COMMIT,
    /** Roll back: the broker redelivers the message after its redelivery delay. */
    ROLLBACK
}
