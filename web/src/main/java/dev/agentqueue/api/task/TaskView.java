package dev.agentqueue.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * A task as the API shows it ({@link TaskSchemas.Task} describes it): the members in this order, times in ISO-8601,
 * the optional ones left out when empty, {@code result} and {@code error} always present.
 */
@JsonPropertyOrder({
    "id",
    "contract",
    "state",
    "priority",
    "attempt",
    "maxAttempts",
    "timeoutMs",
    "payload",
    "warnings",
    "history",
    "agent",
    "correlationId",
    "idempotencyKey",
    "concurrencyKey",
    "createdAt",
    "startedAt",
    "finishedAt",
    "nextAttemptAt",
    "result",
    "error",
    "usage",
    "deferredUntil",
    "deferredReason",
    "deferrals"
})
public record TaskView(
        String id,
        String contract,
        TaskState state,
        int priority,
        int attempt,
        int maxAttempts,
        long timeoutMs,
        JsonValue payload,
        JsonArray warnings,
        JsonArray history,
        @JsonInclude(Include.NON_NULL) String agent,
        @JsonInclude(Include.NON_NULL) String correlationId,
        @JsonInclude(Include.NON_NULL) String idempotencyKey,
        @JsonInclude(Include.NON_NULL) String concurrencyKey,
        @JsonInclude(Include.NON_NULL) String createdAt,
        @JsonInclude(Include.NON_NULL) String startedAt,
        @JsonInclude(Include.NON_NULL) String finishedAt,
        @JsonInclude(Include.NON_NULL) String nextAttemptAt,
        JsonValue result,
        TaskError error,
        @JsonInclude(Include.NON_NULL) JsonValue usage,
        @JsonInclude(Include.NON_NULL) String deferredUntil,
        @JsonInclude(Include.NON_NULL) String deferredReason,
        @JsonInclude(Include.NON_NULL) Integer deferrals) {

    /** Returns the task as the API shows it. */
    public static TaskView of(TaskSnapshot task) {
        return new TaskView(
                task.id(),
                task.contract(),
                task.state(),
                task.priority(),
                task.attempt(),
                task.maxAttempts(),
                task.timeoutMs(),
                task.payload(),
                task.warnings(),
                history(task.history()),
                task.agent(),
                task.correlationId(),
                task.idempotencyKey(),
                task.concurrencyKey(),
                iso(task.createdAt()),
                iso(task.startedAt()),
                iso(task.finishedAt()),
                iso(task.nextAttemptAt()),
                task.result(),
                task.error(),
                task.usage(),
                iso(task.deferredUntil()),
                task.deferredReason(),
                task.deferrals() == 0 ? null : task.deferrals());
    }

    /** Renders the attempt history with ISO-8601 times; Redis keeps them as epoch milliseconds. */
    private static JsonArray history(JsonArray entries) {
        JsonArrayBuilder array = Jsons.array();
        for (JsonValue value : entries) {
            JsonObjectBuilder entry = Jsons.object();
            value.asJsonObject().forEach((name, field) -> {
                if ((name.equals("start") || name.equals("end")) && field instanceof JsonNumber millis) {
                    entry.add(name, Instant.ofEpochMilli(millis.longValue()).toString());
                } else {
                    entry.add(name, field);
                }
            });
            array.add(entry);
        }
        return array.build();
    }

    private static String iso(Instant time) {
        return time == null ? null : time.toString();
    }
}
