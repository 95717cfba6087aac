package dev.agentqueue.api.task;

import dev.agentqueue.task.TaskSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Renders a task record as the JSON the API returns. */
final class TaskJson {

    private TaskJson() {
    }

    static JsonObject of(TaskSnapshot task) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", task.id())
                .add("contract", task.contract())
                .add("state", task.state().name())
                .add("priority", task.priority())
                .add("attempt", task.attempt())
                .add("maxAttempts", task.maxAttempts())
                .add("timeoutMs", task.timeoutMs())
                .add("payload", task.payload())
                .add("warnings", task.warnings())
                .add("history", task.history());
        optional(json, "agent", task.agent());
        optional(json, "correlationId", task.correlationId());
        optional(json, "idempotencyKey", task.idempotencyKey());
        time(json, "createdAt", task.createdAt());
        time(json, "startedAt", task.startedAt());
        time(json, "finishedAt", task.finishedAt());
        time(json, "nextAttemptAt", task.nextAttemptAt());
        json.add("result", task.result() == null ? JsonValue.NULL : task.result());
        json.add("error", task.error() == null ? JsonValue.NULL : task.error().toJson());
        return json.build();
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }
}
