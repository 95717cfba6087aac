package dev.agentqueue.worker;

import java.time.Duration;
import java.time.Instant;

/**
 * The timeout lease of one running attempt: it ends the task's timeout after the attempt started, and each heartbeat
 * moves its end to the timeout after the heartbeat, never past the longest attempt the worker allows. Times are
 * {@link System#nanoTime} values, with the wall-clock start kept to tell the deadline as an instant.
 */
final class AttemptLease {

    /** Least time between two heartbeats that are written to the record; those in between only move the deadline. */
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(1);

    private final long startNanos;
    private final long startMillis;
    private final long timeoutNanos;
    private final long limitNanos;
    private volatile long deadlineNanos;
    private long reportedNanos;

    /**
     * Opens a lease at {@code nowNanos} ({@code nowMillis} on the wall clock) that ends after {@code timeout} and can
     * be extended up to {@code longest} after the start (never less than {@code timeout}).
     */
    AttemptLease(Duration timeout, Duration longest, long nowNanos, long nowMillis) {
        this.startNanos = nowNanos;
        this.startMillis = nowMillis;
        this.timeoutNanos = timeout.toNanos();
        this.limitNanos = nowNanos + Math.max(timeoutNanos, longest.toNanos());
        this.deadlineNanos = nowNanos + timeoutNanos;
        this.reportedNanos = nowNanos;
    }

    /** Opens a lease now. */
    static AttemptLease startingNow(Duration timeout, Duration longest) {
        return new AttemptLease(timeout, longest, System.nanoTime(), System.currentTimeMillis());
    }

    /** Tells whether the lease has ended at {@code nowNanos}. */
    boolean endedAt(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    /** Returns when the lease ends, on the wall clock. */
    Instant deadline() {
        return Instant.ofEpochMilli(wallClock(deadlineNanos));
    }

    /**
     * Moves the end of the lease to the timeout after {@code nowNanos}, up to the longest attempt. Returns the new end
     * in wall-clock ms when it should be written to the record (at most once per {@link #REPORT_INTERVAL}), else -1.
     */
    synchronized long renew(long nowNanos) {
        long renewed = Math.min(nowNanos + timeoutNanos, limitNanos);
        if (renewed - deadlineNanos > 0) {
            deadlineNanos = renewed;
        }
        if (nowNanos - reportedNanos < REPORT_INTERVAL.toNanos()) {
            return -1;
        }
        reportedNanos = nowNanos;
        return wallClock(deadlineNanos);
    }

    private long wallClock(long nanos) {
        return startMillis + (nanos - startNanos) / 1_000_000;
    }
}
