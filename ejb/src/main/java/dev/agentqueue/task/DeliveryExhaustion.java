package dev.agentqueue.task;

/**
 * Rules for a task whose deliveries ran out without a recorded outcome: every delivery crashed or killed its server,
 * or the broker moved the message to the DLQ by itself, so the record is left behind in RUNNING, QUEUED or FAILED.
 * Decides whether such a task is dead-lettered, and with which error. Pure rules, tested without a broker.
 */
public final class DeliveryExhaustion {

    /** The error type recorded on such a task. */
    public static final String ERROR_TYPE = "DeliveryAttemptsExhausted";

    /** What to do with one dead letter. */
    public enum Action {
        /** Leave it: its record is gone, or the task settled otherwise. */
        NONE,
        /** Record the task as DEAD_LETTER with the exhaustion error, and label the message with it. */
        DEAD_LETTER_TASK,
        /** The record is DEAD_LETTER already (an earlier pass); label the message with the record's error. */
        LABEL
    }

    private DeliveryExhaustion() {}

    /**
     * Returns the action for a message out of deliveries that carries no error of agentqueue's yet, given its task's
     * recorded state (null: no record).
     */
    public static Action decide(TaskState recorded) {
        if (recorded == null) {
            return Action.NONE;
        }
        if (recorded == TaskState.DEAD_LETTER) {
            return Action.LABEL;
        }
        return recorded.canMoveTo(TaskState.DEAD_LETTER) ? Action.DEAD_LETTER_TASK : Action.NONE;
    }

    /** Returns the error of a task delivered more than {@code maxDeliveryAttempts} times without an outcome. */
    public static TaskError redelivered(int maxDeliveryAttempts) {
        return TaskError.of(
                ErrorClassification.TERMINAL,
                ERROR_TYPE,
                "Delivered more than " + maxDeliveryAttempts + " times (max-delivery-attempts) without a recorded"
                        + " outcome: its worker crashed or was killed during each attempt");
    }

    /** Returns the error of a task whose message the broker dead-lettered itself, without a recorded outcome. */
    public static TaskError movedByBroker(int maxDeliveryAttempts) {
        return TaskError.of(
                ErrorClassification.TERMINAL,
                ERROR_TYPE,
                "The broker dead-lettered this task without a recorded outcome (max-delivery-attempts "
                        + maxDeliveryAttempts + "): its worker crashed or was killed before recording one");
    }
}
