package dev.agentqueue.messaging;

import java.util.Map;

/** Names of the JMS message properties agentqueue reads and writes. */
public final class MessageProperties {

    /** Envelope format version; only {@value #CURRENT_VERSION} is understood. */
    public static final String VERSION = "agentqueue_version";

    public static final int CURRENT_VERSION = 1;

    /** The task id, duplicated from the body so operators can filter the queues by it. */
    public static final String TASK_ID = "agentqueue_task_id";

    /** Attempts consumed before this message was sent: non-zero on messages re-sent by a deferral. */
    public static final String ATTEMPT_BASE = "agentqueue_attempt_base";

    /** The broker's delivery counter, 1 on first delivery. */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** Artemis' duplicate-detection id: a second message with the same id on the same address is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    public static final String ERROR_CLASSIFICATION = "agentqueue_error_classification";
    public static final String ERROR_TYPE = "agentqueue_error_type";
    public static final String ERROR_MESSAGE = "agentqueue_error_message";
    public static final String ERROR_FINGERPRINT = "agentqueue_error_fingerprint";
    public static final String ATTEMPT = "agentqueue_attempt";
    public static final String ORIGIN_ADDRESS = "agentqueue_origin_address";
    public static final String DEAD_LETTERED_AT = "agentqueue_dead_lettered_at";
    public static final String ORIGINAL_BODY_TYPE = "agentqueue_original_body_type";

    /**
     * On a dead letter a walk of the DLQ put back: the walk's id, and the task's priority, since a letter put back
     * waits at the lowest JMS priority (so the walk meets it again only after every letter it has not seen).
     */
    public static final String DLQ_WALK = "agentqueue_dlq_walk";

    public static final String PRIORITY = "agentqueue_priority";

    /** The task's contract and agent on a dead letter, so the DLQ can be filtered by them with a selector. */
    public static final String CONTRACT = "agentqueue_contract";

    public static final String AGENT = "agentqueue_agent";

    /** How many times an operator has redriven the task from the dead-letter queue. */
    public static final String REDRIVES = "agentqueue_redrives";

    /**
     * The W3C trace context of the call that enqueued (or redrove) the task: {@code traceparent} and, when there is
     * one, {@code tracestate}, under their header names. Copies of the message keep them.
     */
    public static final String TRACEPARENT = "traceparent";

    public static final String TRACESTATE = "tracestate";

    /**
     * The flow a task is a step of and the step's name, on the messages of flow steps only: the worker reports the
     * step's end to its flow by them. Copies of the message (retries, dead letters, redrives) keep them.
     */
    public static final String FLOW_ID = "agentqueue_flow_id";

    public static final String FLOW_STEP = "agentqueue_flow_step";

    private MessageProperties() {}

    /** Returns the labels of the message of step {@code step} of flow {@code flowId}. */
    public static Map<String, String> flowLabels(String flowId, String step) {
        return Map.of(FLOW_ID, flowId, FLOW_STEP, step);
    }
}
