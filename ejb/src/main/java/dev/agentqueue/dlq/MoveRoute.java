package dev.agentqueue.dlq;

/**
 * How a redrive or purge by filter reaches its letters. The broker's own move reads the queue's page files and keeps
 * every letter it passes over without taking it in memory until the queue is consumed, so it is bounded only on a
 * queue small enough to be in memory anyway; there it also leaves the letters it does not take where they are. On a
 * larger queue a {@link DeadLetterWalker walk} takes each letter and puts back those the filter does not match, with
 * memory bounded by its batch whatever the queue holds; measured at 100,000 letters it purged every letter as fast
 * as the broker's move (where that costs no memory), so the walk serves every filter there.
 */
public enum MoveRoute {
    /** The broker's {@code moveMessages}, a batch at a time. */
    BROKER_MOVE,
    /** A walk of the whole queue with a plain consumer. */
    WALK;

    /** Chooses the route for a queue of {@code depth} letters: the broker's move up to {@code walkAbove} letters. */
    public static MoveRoute choose(long depth, long walkAbove) {
        return depth <= walkAbove ? BROKER_MOVE : WALK;
    }
}
