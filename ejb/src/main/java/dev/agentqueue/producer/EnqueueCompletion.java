package dev.agentqueue.producer;

import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.ProvisionalRecords;
import dev.agentqueue.task.TaskLog;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes the Redis side of an enqueue (one task or a batch) once its transaction ends: a commit makes the
 * provisional records permanent, within a second and together with other enqueues' records rather than in a Redis
 * call of its own ({@link ProvisionalRecords#confirmSoon} says why that is safe); a rollback removes them at once, so a
 * rolled-back enqueue leaves neither record nor message behind.
 */
final class EnqueueCompletion implements Synchronization {

    private static final Logger LOG = Logger.getLogger(EnqueueCompletion.class.getName());

    private final ProvisionalRecords records;
    private final List<NewTask> tasks;

    EnqueueCompletion(ProvisionalRecords records, List<NewTask> tasks) {
        this.records = records;
        this.tasks = tasks;
    }

    @Override
    public void beforeCompletion() {}

    @Override
    public void afterCompletion(int status) {
        try {
            if (status == Status.STATUS_COMMITTED) {
                records.confirmSoon(tasks);
            } else {
                records.discardAll(tasks);
            }
        } catch (RuntimeException e) {
            // The provisional expiry still removes the record; nothing is lost either way.
            LOG.log(
                    Level.WARNING,
                    TaskLog.of(tasks.get(0).id(), tasks.get(0).contract())
                            + (tasks.size() > 1 ? " and " + (tasks.size() - 1) + " more tasks of its batch:" : "")
                            + " enqueue follow-up failed; the provisional records expire by themselves",
                    e);
        }
    }
}
