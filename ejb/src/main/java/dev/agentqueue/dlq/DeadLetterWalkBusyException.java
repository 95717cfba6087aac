package dev.agentqueue.dlq;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/**
 * A redrive or purge by filter waited for another one's walk of the dead-letter queue to end and gave up; nothing was
 * moved, and a retry later can succeed.
 */
@ApplicationException(rollback = true)
public class DeadLetterWalkBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeadLetterWalkBusyException(Duration waited) {
        super("Another redrive or purge has been walking the dead-letter queue for over " + waited.toSeconds()
                + " s; retry when it has ended");
    }
}
