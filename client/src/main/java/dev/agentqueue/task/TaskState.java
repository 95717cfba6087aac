package dev.agentqueue.task;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle states of a task and the single table of transitions allowed between them.
 */
public enum TaskState {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    DEAD_LETTER,
    CANCELLED,
    PURGED;

    /** Target state to the states it may be entered from. Every transition in Redis is checked against this. */
    private static final Map<TaskState, Set<TaskState>> ALLOWED_SOURCES = Map.of(
            QUEUED, EnumSet.of(QUEUED, DEAD_LETTER, FAILED, RUNNING),
            RUNNING, EnumSet.of(QUEUED, FAILED, RUNNING),
            COMPLETED, EnumSet.of(RUNNING),
            FAILED, EnumSet.of(RUNNING),
            DEAD_LETTER, EnumSet.of(QUEUED, RUNNING, FAILED),
            CANCELLED, EnumSet.of(QUEUED, FAILED),
            PURGED, EnumSet.of(DEAD_LETTER, CANCELLED));

    /** Returns the states from which a task may move into this one. */
    public Set<TaskState> allowedSources() {
        return ALLOWED_SOURCES.getOrDefault(this, Set.of());
    }

    /** Tells whether a task may move from this state to {@code target}. */
    public boolean canMoveTo(TaskState target) {
        return target.allowedSources().contains(this);
    }

    /** Tells whether no worker will act on a task in this state again without an operator. */
    public boolean isSettled() {
        return this == COMPLETED || this == DEAD_LETTER || this == CANCELLED || this == PURGED;
    }

    /** Tells whether the record of a task in this state expires after the retention TTL. */
    public boolean expires() {
        return this == COMPLETED || this == CANCELLED || this == PURGED || this == DEAD_LETTER;
    }
}
