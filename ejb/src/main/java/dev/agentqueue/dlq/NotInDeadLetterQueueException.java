package dev.agentqueue.dlq;

import jakarta.ejb.ApplicationException;
import java.util.Set;

/** Some of the tasks named by a redrive or purge have no message in the dead-letter queue; nothing was changed. */
@ApplicationException(rollback = true)
public class NotInDeadLetterQueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Set<String> taskIds;

    public NotInDeadLetterQueueException(Set<String> taskIds) {
        super("Not in the dead-letter queue: " + String.join(", ", taskIds));
        this.taskIds = Set.copyOf(taskIds);
    }

    /** Returns the ids that were not found. */
    public Set<String> taskIds() {
        return taskIds;
    }
}
