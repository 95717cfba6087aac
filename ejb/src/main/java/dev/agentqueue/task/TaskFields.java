package dev.agentqueue.task;

import java.util.Map;

/** Names of the fields of a task record hash; the one place that spells them. */
public final class TaskFields {
    public static final String ID = "id";
    public static final String CONTRACT = "contract";
    public static final String AGENT = "agent";
    public static final String PAYLOAD = "payload";
    public static final String PRIORITY = "priority";
    public static final String CORRELATION_ID = "correlationId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String CONCURRENCY_KEY = "concurrencyKey";
    public static final String STATE = "state";
    public static final String ATTEMPT = "attempt";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String TIMEOUT_MS = "timeoutMs";
    public static final String CREATED_AT = "createdAt";
    public static final String STARTED_AT = "startedAt";
    public static final String FINISHED_AT = "finishedAt";
    public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    public static final String RESULT = "result";
    public static final String WARNINGS = "warnings";
    public static final String ERROR = "error";
    public static final String HISTORY = "history";
    public static final String NODE = "node";
    public static final String PROGRESS = "progress";
    public static final String USAGE = "usage";
    /** Until when a heartbeating attempt holds its lease, ms; absent while the attempt has not heartbeaten. */
    public static final String LEASE_UNTIL = "leaseUntil";
    /** How often the reconciler re-sent the task's lost message, and when it last did. */
    public static final String RECOVERIES = "recoveries";

    public static final String RECOVERED_AT = "recoveredAt";
    /** When the last deferral (an open breaker, a reached limit) lets the task run, why, and how many there were. */
    public static final String DEFERRED_UNTIL = "deferredUntil";

    public static final String DEFERRED_REASON = "deferredReason";
    public static final String DEFERRALS = "deferrals";
    /** Where the settled task is posted, and how its latest callback went (see {@link TaskCallback}). */
    public static final String CALLBACK_URL = "callbackUrl";

    public static final String CALLBACK_STATE = "callbackState";
    public static final String CALLBACK_ATTEMPTS = "callbackAttempts";
    public static final String CALLBACK_LAST_STATUS = "callbackLastStatus";
    public static final String CALLBACK_LAST_ERROR = "callbackLastError";
    public static final String CALLBACK_LAST_AT = "callbackLastAt";
    public static final String CALLBACK_NEXT_AT = "callbackNextAt";
    /**
     * The flow a task is a step of and the step's name, on the records of flow steps only: a message re-sent from the
     * record carries them again, so the worker can report the step's end to its flow.
     */
    public static final String FLOW_ID = "flowId";

    public static final String FLOW_STEP = "flowStep";

    private TaskFields() {}

    /**
     * Returns the fields a flow step's record holds besides the task's own, the flow's id {@code flowId} and the step's
     * name {@code step}, from which a message re-sent from the record is labelled again; none when either is missing.
     */
    public static Map<String, String> flowFields(String flowId, String step) {
        return flowId == null || step == null ? Map.of() : Map.of(FLOW_ID, flowId, FLOW_STEP, step);
    }
}
