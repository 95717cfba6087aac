package dev.agentqueue.dlq;

/**
 * Decides when the dead-letter tally has drifted from the queue it counts: when the tally and the broker's depth
 * differ by the same amount in two checks in a row. A redrive or purge under way makes them differ for a moment
 * (the broker and Redis are not updated in one step), but not by a steady amount.
 */
final class TallyDrift {

    private long lastDifference;

    /** Tells whether to recount, given the tally's total and the broker's depth of the dead-letter queue now. */
    boolean recountNeeded(long counted, long depth) {
        long difference = depth - counted;
        boolean steady = difference != 0 && difference == lastDifference;
        // After a recount, the next difference is judged afresh.
        lastDifference = steady ? 0 : difference;
        return steady;
    }
}
