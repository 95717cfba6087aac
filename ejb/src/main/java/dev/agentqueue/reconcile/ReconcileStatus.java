package dev.agentqueue.reconcile;

import java.time.Duration;
import java.time.Instant;

/**
 * What this node's reconciler has done since it started: its passes as the leader, the task records they checked,
 * the lost messages they re-sent and the passes that left their overdue tasks for later, and the last pass.
 *
 * @param maxBrowseDepth the most messages the task queue may hold for a pass to browse it
 * @param leader whether this node held the reconciliation lease at its last pass
 * @param deferredPasses passes that looked at nothing in the broker, the task queue being too deep
 * @param lastPassAt when the last pass ended, or null before the first
 * @param lastDeferred tasks in a watched state for longer than the grace that the last pass left unchecked
 * @param lastDeferredReason why the last pass left them, or null when it did not
 */
public record ReconcileStatus(
        boolean enabled,
        Duration interval,
        Duration grace,
        long maxBrowseDepth,
        boolean leader,
        long passes,
        long checked,
        long recovered,
        long deferredPasses,
        Instant lastPassAt,
        Duration lastPassTook,
        int lastChecked,
        int lastRecovered,
        long lastDeferred,
        String lastDeferredReason) {

    /** Returns the status before any pass. */
    static ReconcileStatus initial(boolean enabled, Duration interval, Duration grace, long maxBrowseDepth) {
        return new ReconcileStatus(
                enabled, interval, grace, maxBrowseDepth, false, 0, 0, 0, 0, null, Duration.ZERO, 0, 0, 0, null);
    }

    /** Returns this status after a pass in which another node held the lease. */
    ReconcileStatus follower(Instant at) {
        return new ReconcileStatus(
                enabled,
                interval,
                grace,
                maxBrowseDepth,
                false,
                passes,
                checked,
                recovered,
                deferredPasses,
                at,
                Duration.ZERO,
                0,
                0,
                0,
                null);
    }

    /** Returns this status after a pass as the leader that looked in the broker, or had nothing to look for. */
    ReconcileStatus after(Instant at, Duration took, int passChecked, int passRecovered) {
        return leaderPass(at, took, passChecked, passRecovered, 0, null);
    }

    /**
     * Returns this status after a pass as the leader that left for later, unchecked, the {@code waiting} tasks in a
     * watched state for longer than the grace, and why.
     */
    ReconcileStatus deferred(Instant at, Duration took, long waiting, String reason) {
        return leaderPass(at, took, 0, 0, waiting, reason);
    }

    private ReconcileStatus leaderPass(
            Instant at, Duration took, int passChecked, int passRecovered, long passDeferred, String reason) {
        return new ReconcileStatus(
                enabled,
                interval,
                grace,
                maxBrowseDepth,
                true,
                passes + 1,
                checked + passChecked,
                recovered + passRecovered,
                reason == null ? deferredPasses : deferredPasses + 1,
                at,
                took,
                passChecked,
                passRecovered,
                passDeferred,
                reason);
    }
}
