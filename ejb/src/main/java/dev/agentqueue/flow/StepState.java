package dev.agentqueue.flow;

/** The states of one step of a flow; the task it runs has its own state once it is released. */
public enum StepState {
    /** Waits for the steps it depends on; its task does not exist yet. */
    WAITING,
    /** Its task was sent to the queue. */
    RELEASED,
    /** Its task completed; its result is kept with the step. */
    COMPLETED,
    /** Its task was dead-lettered; a redrive that completes it moves the flow on. */
    DEAD_LETTER,
    /** The flow was cancelled before the step was released. */
    CANCELLED
}
