package dev.agentqueue.task;

import dev.agentqueue.support.JsonRecords;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one task record as stored in Redis.
 *
 * @param usage token usage an agent run reported ({@code {input_tokens, output_tokens}}), or null
 * @param deferredUntil when the task's last deferral ends (null: never deferred), {@code deferredReason} says why
 * @param callback the task's callback URL and how its latest callback went, or null when it has none
 */
public record TaskSnapshot(
        String id,
        String contract,
        String agent,
        JsonValue payload,
        int priority,
        String correlationId,
        String idempotencyKey,
        String concurrencyKey,
        TaskState state,
        int attempt,
        int maxAttempts,
        long timeoutMs,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant nextAttemptAt,
        JsonValue result,
        JsonArray warnings,
        TaskError error,
        List<TaskAttempt> history,
        JsonValue usage,
        Instant deferredUntil,
        String deferredReason,
        int deferrals,
        TaskCallback callback) {

    /** Returns the record a new task is written with, without reading it back from Redis. */
    public static TaskSnapshot of(NewTask task) {
        return fromHash(task.initialFields());
    }

    /** Builds a snapshot from the field map of a task hash. */
    public static TaskSnapshot fromHash(Map<String, String> hash) {
        return new TaskSnapshot(
                hash.get(TaskFields.ID),
                hash.get(TaskFields.CONTRACT),
                blankToNull(hash.get(TaskFields.AGENT)),
                json(hash.get(TaskFields.PAYLOAD)).orElse(JsonValue.EMPTY_JSON_OBJECT),
                intValue(hash.get(TaskFields.PRIORITY), 4),
                blankToNull(hash.get(TaskFields.CORRELATION_ID)),
                blankToNull(hash.get(TaskFields.IDEMPOTENCY_KEY)),
                blankToNull(hash.get(TaskFields.CONCURRENCY_KEY)),
                TaskState.valueOf(hash.getOrDefault(TaskFields.STATE, TaskState.QUEUED.name())),
                intValue(hash.get(TaskFields.ATTEMPT), 0),
                intValue(hash.get(TaskFields.MAX_ATTEMPTS), 0),
                longValue(hash.get(TaskFields.TIMEOUT_MS), 0),
                instant(hash.get(TaskFields.CREATED_AT)),
                instant(hash.get(TaskFields.STARTED_AT)),
                instant(hash.get(TaskFields.FINISHED_AT)),
                instant(hash.get(TaskFields.NEXT_ATTEMPT_AT)),
                json(hash.get(TaskFields.RESULT)).orElse(null),
                json(hash.get(TaskFields.WARNINGS)).map(JsonValue::asJsonArray).orElse(JsonValue.EMPTY_JSON_ARRAY),
                json(hash.get(TaskFields.ERROR), TaskError.class).orElse(null),
                history(hash.get(TaskFields.HISTORY)),
                json(hash.get(TaskFields.USAGE)).orElse(null),
                instant(hash.get(TaskFields.DEFERRED_UNTIL)),
                blankToNull(hash.get(TaskFields.DEFERRED_REASON)),
                intValue(hash.get(TaskFields.DEFERRALS), 0),
                TaskCallback.fromHash(hash));
    }

    /** Returns the payload as an object, or an empty object when the stored payload is not one. */
    public JsonObject payloadObject() {
        return payload instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static Optional<JsonValue> json(String text) {
        return json(text, JsonValue.class);
    }

    private static <T> Optional<T> json(String text, Class<T> type) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(JsonRecords.readWritten(text, type));
    }

    private static List<TaskAttempt> history(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(JsonRecords.readWritten(text, TaskAttempt[].class));
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static int intValue(String text, int fallback) {
        return text == null || text.isEmpty() ? fallback : Integer.parseInt(text);
    }

    private static long longValue(String text, long fallback) {
        return text == null || text.isEmpty() ? fallback : Long.parseLong(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
