package dev.agentqueue.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task about to be written for the first time: what the producer or a plain JMS envelope asked for.
 *
 * @param deliverAt when its first attempt is due (ms) if it was enqueued with a delay, else 0
 * @param concurrencyKey the key whose running tasks are capped together, or null
 * @param callbackUrl where the settled task is posted, or null
 */
public record NewTask(
        String id,
        String contract,
        String agent,
        String payloadJson,
        int priority,
        String correlationId,
        String idempotencyKey,
        long timeoutMs,
        long createdAt,
        int maxAttempts,
        long deliverAt,
        String concurrencyKey,
        String callbackUrl) {

    /** The {@code deliverAt} of a task due as soon as it is enqueued. */
    public static final long NO_DELAY = 0;

    /** Returns the fields of the initial record, in state {@link TaskState#QUEUED} with no attempt yet. */
    Map<String, String> initialFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TaskFields.ID, id);
        fields.put(TaskFields.CONTRACT, contract);
        putIfPresent(fields, TaskFields.AGENT, agent);
        fields.put(TaskFields.PAYLOAD, payloadJson);
        fields.put(TaskFields.PRIORITY, Integer.toString(priority));
        putIfPresent(fields, TaskFields.CORRELATION_ID, correlationId);
        putIfPresent(fields, TaskFields.IDEMPOTENCY_KEY, idempotencyKey);
        putIfPresent(fields, TaskFields.CONCURRENCY_KEY, concurrencyKey);
        putIfPresent(fields, TaskFields.CALLBACK_URL, callbackUrl);
        fields.put(TaskFields.STATE, TaskState.QUEUED.name());
        fields.put(TaskFields.ATTEMPT, "0");
        fields.put(TaskFields.MAX_ATTEMPTS, Integer.toString(maxAttempts));
        fields.put(TaskFields.TIMEOUT_MS, Long.toString(timeoutMs));
        fields.put(TaskFields.CREATED_AT, Long.toString(createdAt));
        fields.put(TaskFields.HISTORY, "[]");
        if (deliverAt > 0) {
            // The record keeps the delay, so a lost message can be re-sent with what remains of it.
            fields.put(TaskFields.NEXT_ATTEMPT_AT, Long.toString(deliverAt));
        }
        return fields;
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
