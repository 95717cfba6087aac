package dev.agentqueue.worker;

/** What the message-driven bean does with a delivery once the worker has handled it. */
public enum Disposition {
    /** Acknowledge: the message is consumed (done, dead-lettered, or re-sent for later). */
    ACKNOWLEDGE,
    /** Hand it back: the broker redelivers the message after its redelivery delay. */
    REDELIVER
}
