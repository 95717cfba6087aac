package dev.agentqueue.reconcile;

import java.time.Duration;
import java.time.Instant;

/**
 * What this node's reconciler has done since it started: its passes as the leader, the task records they checked
 * and the lost messages they re-sent, and the last pass.
 *
 * @param leader whether this node held the reconciliation lease at its last pass
 * @param lastPassAt when the last pass ended, or null before the first
 */
public record ReconcileStatus(
        boolean enabled,
        Duration interval,
        Duration grace,
        boolean leader,
        long passes,
        long checked,
        long recovered,
        Instant lastPassAt,
        Duration lastPassTook,
        int lastChecked,
        int lastRecovered) {

    /** Returns the status before any pass. */
    static ReconcileStatus initial(boolean enabled, Duration interval, Duration grace) {
        return new ReconcileStatus(enabled, interval, grace, false, 0, 0, 0, null, Duration.ZERO, 0, 0);
    }

    /** Returns this status after a pass in which another node held the lease. */
    ReconcileStatus follower(Instant at) {
        return new ReconcileStatus(
                enabled, interval, grace, false, passes, checked, recovered, at, Duration.ZERO, 0, 0);
    }

    /** Returns this status after a pass as the leader. */
    ReconcileStatus after(Instant at, Duration took, int passChecked, int passRecovered) {
        return new ReconcileStatus(
                enabled,
                interval,
                grace,
                true,
                passes + 1,
                checked + passChecked,
                recovered + passRecovered,
                at,
                took,
                passChecked,
                passRecovered);
    }
}
