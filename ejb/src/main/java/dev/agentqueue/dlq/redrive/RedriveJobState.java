package dev.agentqueue.dlq.redrive;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where a redrive job is, and the one table of the moves allowed between those states. */
public enum RedriveJobState {
    /** The canary's letters are redriven, and the job waits for their tasks to settle. */
    CANARY,
    /** The canary completed; the rest waits for an operator's confirmation. */
    AWAITING_CONFIRMATION,
    /** The rest of the matching letters are being redriven in batches. */
    REDRIVING,
    /** Every matching letter was redriven. */
    COMPLETED,
    /** A canary task dead-lettered again; the rest stays in the dead-letter queue. */
    STOPPED,
    /** An operator cancelled the job; what was redriven stays redriven, the rest stays put. */
    CANCELLED;

    private static final Map<RedriveJobState, Set<RedriveJobState>> NEXT = Map.of(
            CANARY, EnumSet.of(AWAITING_CONFIRMATION, REDRIVING, COMPLETED, STOPPED, CANCELLED),
            AWAITING_CONFIRMATION, EnumSet.of(REDRIVING, CANCELLED),
            REDRIVING, EnumSet.of(COMPLETED, CANCELLED),
            COMPLETED, EnumSet.noneOf(RedriveJobState.class),
            STOPPED, EnumSet.noneOf(RedriveJobState.class),
            CANCELLED, EnumSet.noneOf(RedriveJobState.class));

    /** Tells whether a job in this state may move to {@code target}. */
    public boolean canMoveTo(RedriveJobState target) {
        return NEXT.get(this).contains(target);
    }

    /** Tells whether the job has ended. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** Returns the states from which a job may move to this one. */
    Set<RedriveJobState> sources() {
        Set<RedriveJobState> sources = EnumSet.noneOf(RedriveJobState.class);
        for (RedriveJobState state : values()) {
            if (state.canMoveTo(this)) {
                sources.add(state);
            }
        }
        return sources;
    }
}
