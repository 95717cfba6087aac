package dev.agentqueue.task;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Sends, every second, the confirms of committed enqueues that {@link ProvisionalRecords#confirmSoon} holds back, so
 * that a quiet producer's last records do not wait for a busier moment.
 */
@Singleton
// Started with the application, not by its timer's first tick: see
// ArchitectureTest.everyEjbSingletonStartsWithTheApplication.
@Startup
public class ConfirmTimer {

    private static final Logger LOG = Logger.getLogger(ConfirmTimer.class.getName());

    @Inject
    ProvisionalRecords records;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void confirmHeld() {
        try {
            records.confirmHeld();
        } catch (RuntimeException e) {
            // Redis is away: the provisional records keep their expiry, and the worker's start confirms them anyway.
            LOG.fine(() -> "Held confirms not sent: " + e.getMessage());
        }
    }
}
