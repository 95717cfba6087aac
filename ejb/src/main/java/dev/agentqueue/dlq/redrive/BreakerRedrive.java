package dev.agentqueue.dlq.redrive;

import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.task.ErrorClassification;

/**
 * A standing order: when breaker {@code breaker} closes again, redrive the retryable letters of one {@code agent} or
 * of one {@code fingerprint} group (one of the two), a canary of {@code canary} tasks first. It remembers the breaker's state
 * as last seen and the job it started last, so one closing starts one job.
 */
public record BreakerRedrive(
        String id,
        String agent,
        String fingerprint,
        String breaker,
        int canary,
        String requestedBy,
        BreakerState lastSeen,
        String lastJobId) {

    /** Returns the letters the order redrives. */
    public DeadLetterFilter filter() {
        return new DeadLetterFilter(null, agent, fingerprint, null);
    }

    /** Tells whether the breaker, seen {@code now}, has just closed after being open or half-open. */
    public boolean closedSinceLastSeen(BreakerState now) {
        return now == BreakerState.CLOSED && lastSeen != null && lastSeen != BreakerState.CLOSED;
    }

    /** Returns the order with the breaker's state as seen now. */
    BreakerRedrive seen(BreakerState now) {
        return new BreakerRedrive(id, agent, fingerprint, breaker, canary, requestedBy, now, lastJobId);
    }

    /** Returns the order after it started job {@code jobId}. */
    BreakerRedrive started(String jobId) {
        return new BreakerRedrive(id, agent, fingerprint, breaker, canary, requestedBy, lastSeen, jobId);
    }

    /** Returns the spec of the job a closing starts. */
    RedriveJobSpec jobSpec() {
        return new RedriveJobSpec(
                filter(),
                ErrorClassification.RETRYABLE,
                canary,
                false,
                null,
                "breaker " + breaker + " closed (order " + id + " by " + requestedBy + ")");
    }
}
