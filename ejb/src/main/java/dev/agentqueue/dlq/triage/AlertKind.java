package dev.agentqueue.dlq.triage;

/** Why a dead-letter group raised an alert. */
public enum AlertKind {
    /** The first dead letter of a fingerprint never seen before. */
    NEW_FINGERPRINT,
    /** More dead letters of one fingerprint within the rate window than the growth threshold allows. */
    FAST_GROWTH
}
