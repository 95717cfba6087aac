package dev.agentqueue.api.task;

import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.TaskSnapshot;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Renders a task record as the JSON the API returns. */
public final class TaskJson {

    private TaskJson() {}

    /** Returns the task as the API shows it. */
    public static JsonObject of(TaskSnapshot task) {
        JsonObjectBuilder json = Jsons.object()
                .add("id", task.id())
                .add("contract", task.contract())
                .add("state", task.state().name())
                .add("priority", task.priority())
                .add("attempt", task.attempt())
                .add("maxAttempts", task.maxAttempts())
                .add("timeoutMs", task.timeoutMs())
                .add("payload", task.payload())
                .add("warnings", task.warnings())
                .add("history", history(task.history()));
        optional(json, "agent", task.agent());
        optional(json, "correlationId", task.correlationId());
        optional(json, "idempotencyKey", task.idempotencyKey());
        time(json, "createdAt", task.createdAt());
        time(json, "startedAt", task.startedAt());
        time(json, "finishedAt", task.finishedAt());
        time(json, "nextAttemptAt", task.nextAttemptAt());
        json.add("result", task.result() == null ? JsonValue.NULL : task.result());
        json.add("error", task.error() == null ? JsonValue.NULL : task.error().toJson());
        if (task.usage() != null) {
            json.add("usage", task.usage());
        }
        return json.build();
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
