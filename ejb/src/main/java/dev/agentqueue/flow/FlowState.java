package dev.agentqueue.flow;

/** The states of a flow as a whole. */
public enum FlowState {
    /** Steps are running or waiting to. */
    RUNNING,
    /** A step was dead-lettered: its dependents wait until it is redriven and completes. */
    BLOCKED,
    /** Every step completed. */
    COMPLETED,
    /** Cancelled: no further step is released. */
    CANCELLED
}
