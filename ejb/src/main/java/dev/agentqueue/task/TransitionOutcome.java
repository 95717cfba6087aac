package dev.agentqueue.task;

/**
 * The answer of one atomic state transition: whether it happened and, if not, why, with the state and attempt
 * the record had.
 */
public record TransitionOutcome(Result result, TaskState previousState, int previousAttempt) {

    /** Why a transition did or did not happen. */
    public enum Result {
        /** The record moved to the target state. */
        OK,
        /** There is no record with that id. */
        MISSING,
        /** The record is in a state the target may not be entered from. */
        STATE,
        /** The record belongs to a newer attempt than the caller's (or the same, for a start). */
        STALE
    }

    public boolean applied() {
        return result == Result.OK;
    }
}
