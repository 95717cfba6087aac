package dev.agentqueue.dlq;

import java.util.List;

/**
 * What one batch of a redrive or purge by filter did: the task ids of the letters it moved ({@code null} for a message
 * without a task), and whether the broker found as many as asked for, so more may match.
 */
public record MoveBatch(List<String> taskIds, boolean more) {

    /** Returns how many letters moved. */
    public int moved() {
        return taskIds.size();
    }
}
