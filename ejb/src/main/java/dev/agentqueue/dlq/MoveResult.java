package dev.agentqueue.dlq;

/** What one move out of the dead-letter queue did: whether a letter moved, and whose task it was (if it named one). */
public record MoveResult(boolean moved, String taskId) {

    /** No matching letter was there to move. */
    public static final MoveResult NONE = new MoveResult(false, null);
}
