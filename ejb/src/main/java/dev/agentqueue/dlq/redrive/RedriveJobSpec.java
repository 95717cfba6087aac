package dev.agentqueue.dlq.redrive;

import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.dlq.LetterMatch;
import dev.agentqueue.task.ErrorClassification;

/**
 * What a redrive job redrives and how: the letters {@code filter} matches (only those of {@code classification}
 * when given), dead-lettered before {@code before} (epoch ms; {@code null}: before the job started); first a canary
 * of {@code canary} tasks (0: none), the rest after it completes, on confirmation when {@code confirm} says so.
 */
public record RedriveJobSpec(
        DeadLetterFilter filter,
        ErrorClassification classification,
        int canary,
        boolean confirm,
        Long before,
        String requestedBy) {

    /** Most tasks a canary may hold: it is watched task by task. */
    public static final int MAX_CANARY = 100;

    public RedriveJobSpec {
        if (filter == null || filter.taskIds() != null) {
            throw new IllegalArgumentException("a redrive job needs a filter of contract, agent or fingerprint");
        }
        if (canary < 0 || canary > MAX_CANARY) {
            throw new IllegalArgumentException("canary must be from 0 to " + MAX_CANARY);
        }
        if (confirm && canary == 0) {
            throw new IllegalArgumentException("confirmation applies to a canary; give canary > 0");
        }
    }

    /** Returns the cutoff of a job created at {@code createdAt}: letters dead-lettered later are left alone. */
    public long cutoff(long createdAt) {
        return before == null ? createdAt : Math.min(before, createdAt);
    }

    /** Returns the letters this job redrives, given its cutoff. */
    public LetterMatch match(long cutoff) {
        return filter.until(cutoff).withClassification(classification);
    }
}
