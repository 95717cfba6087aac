package dev.agentqueue.worker;

import dev.agentqueue.limits.CallLimits;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.task.TaskReports;
import java.util.logging.Logger;

/**
 * Carries a running attempt's reports to Redis: progress and output to the task's record and events, a renewed lease
 * to the record (which the reconciler reads) and to the slots its limits granted ({@code ticket}, null when none).
 */
record StoredReports(TaskReports store, CallAdmission admission, CallLimits.Ticket ticket, String taskId, int attempt)
        implements AttemptReports {

    private static final Logger LOG = Logger.getLogger(StoredReports.class.getName());

    @Override
    public void progress(int percent, String message) {
        store.progress(taskId, attempt, percent, message);
    }

    @Override
    public void leaseRenewed(long untilMs) {
        try {
            store.heartbeat(taskId, attempt, untilMs);
            if (ticket != null) {
                admission.extend(ticket, untilMs);
            }
        } catch (StoreUnavailableException e) {
            // The attempt's own deadline moved already; the next heartbeat writes the lease again.
            LOG.warning(() -> "Task(id=" + taskId + ") heartbeat not recorded: " + e.getMessage());
        }
    }

    @Override
    public void output(String text) {
        store.output(taskId, attempt, text);
    }
}
