package dev.agentqueue.dlq;

import jakarta.ejb.ApplicationException;
import java.util.Set;

/**
 * Some of the tasks named by a redrive are settled in a way a redrive may not undo (completed, cancelled, purged);
 * nothing was changed.
 */
@ApplicationException(rollback = true)
public class DeadLetterConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Set<String> taskIds;

    public DeadLetterConflictException(Set<String> taskIds) {
        super("These tasks cannot be redriven from their current state: " + String.join(", ", taskIds));
        this.taskIds = Set.copyOf(taskIds);
    }

    /** Returns the ids in conflict. */
    public Set<String> taskIds() {
        return taskIds;
    }
}
