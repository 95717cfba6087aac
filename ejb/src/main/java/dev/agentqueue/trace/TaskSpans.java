package dev.agentqueue.trace;

/** The names of agentqueue's task spans and of the attributes they carry, in one place for code, tests and docs. */
public final class TaskSpans {

    /** One enqueue, a child of the REST request or EJB caller's span; the task message carries its context. */
    public static final String ENQUEUE = "agentqueue enqueue";

    /** One delivery of a task message to a worker, a child of the context the message carries. */
    public static final String ATTEMPT = "agentqueue attempt";

    public static final String TASK_ID = "agentqueue.task.id";
    public static final String CONTRACT = "agentqueue.task.contract";
    public static final String AGENT = "agentqueue.task.agent";
    public static final String ATTEMPT_NUMBER = "agentqueue.task.attempt";

    /** How the delivery ended: the outcome's name, such as {@code Completed} or {@code RetryLater}. */
    public static final String OUTCOME = "agentqueue.task.outcome";

    private TaskSpans() {}
}
