package dev.agentqueue.dlq;

/**
 * Decides when the dead-letter tally has drifted from the queue it counts: when the tally and the broker's depth
 * differ, and neither has changed since the last check. While letters come and go the two differ for a moment (the
 * broker and Redis are not updated in one step), so a recount waits for a quiet queue.
 */
final class TallyDrift {

    private long lastCounted = -1;
    private long lastDepth = -1;

    /** Tells whether to recount, given the tally's total and the broker's depth of the dead-letter queue now. */
    boolean recountNeeded(long counted, long depth) {
        boolean quiet = counted == lastCounted && depth == lastDepth;
        lastCounted = counted;
        lastDepth = depth;
        return quiet && counted != depth;
    }
}
