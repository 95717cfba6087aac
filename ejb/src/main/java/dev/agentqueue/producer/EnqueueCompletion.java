package dev.agentqueue.producer;

import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskLog;
import dev.agentqueue.task.TaskStore;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes the Redis side of an enqueue once its JTA transaction ends: a commit makes the provisional record
 * permanent; a rollback removes it, so a rolled-back enqueue leaves neither record nor message behind.
 */
final class EnqueueCompletion implements Synchronization {

    private static final Logger LOG = Logger.getLogger(EnqueueCompletion.class.getName());

    private final TaskStore store;
    private final NewTask task;

    EnqueueCompletion(TaskStore store, NewTask task) {
        this.store = store;
        this.task = task;
    }

    @Override
    public void beforeCompletion() {}

    @Override
    public void afterCompletion(int status) {
        try {
            if (status == Status.STATUS_COMMITTED) {
                store.confirm(task);
            } else {
                store.discard(task);
            }
        } catch (RuntimeException e) {
            // The provisional expiry still removes the record; nothing is lost either way.
            LOG.log(
                    Level.WARNING,
                    TaskLog.of(task.id(), task.contract())
                            + " enqueue follow-up failed; the provisional record expires by itself",
                    e);
        }
    }
}
