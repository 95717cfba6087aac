package dev.agentqueue.dlq;

import java.util.OptionalLong;

/**
 * How a redrive or purge by filter reaches its letters. The broker's own move reads the queue's page files and keeps
 * every letter it passes over without taking it in memory until the queue is consumed, so it is bounded only when
 * few letters fail the filter; otherwise a {@link DeadLetterWalker walk} takes each letter and puts back those that
 * fail, with memory bounded by its batch whatever the queue holds.
 */
public enum MoveRoute {
    /** The broker's {@code moveMessages}, a batch at a time: at most {@code skipLimit} letters passed over. */
    BROKER_MOVE,
    /** A walk of the whole queue with a plain consumer. */
    WALK;

    /**
     * Chooses the route for a queue of {@code depth} letters of which the filter matches {@code matching} (empty:
     * unknown, taken as none): the broker move when the letters it would pass over number at most {@code skipLimit}.
     */
    public static MoveRoute choose(long depth, OptionalLong matching, long skipLimit) {
        return depth - matching.orElse(0) <= skipLimit ? BROKER_MOVE : WALK;
    }
}
