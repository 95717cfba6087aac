package dev.agentqueue.worker;

/**
 * Thrown when an attempt ended because its worker is shutting down: interrupted after the grace period, or failing
 * while the application stops. Not a failure of the task: it goes back to the queue for a normal attempt later.
 */
class WorkerStoppingException extends Exception {

    private static final long serialVersionUID = 1L;

    WorkerStoppingException(Throwable cause) {
        super("the worker is shutting down", cause);
    }
}
