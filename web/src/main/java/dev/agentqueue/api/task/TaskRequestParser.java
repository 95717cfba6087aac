package dev.agentqueue.api.task;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.producer.BatchItemError;
import dev.agentqueue.producer.InvalidBatchException;
import dev.agentqueue.producer.TaskQueueRemote;
import dev.agentqueue.producer.TaskRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /tasks} into a {@link TaskRequest} (and of {@code POST /tasks/batch} into a list), refusing malformed JSON, wrong types and
 * unknown fields with a message that names the field.
 */
final class TaskRequestParser {

    static final Set<String> FIELDS = Set.of(
            "contract",
            "agent",
            "payload",
            "priority",
            "delayMs",
            "idempotencyKey",
            "correlationId",
            "timeoutMs",
            "concurrencyKey");

    private TaskRequestParser() {}

    /** Parses a request body; {@code idempotencyHeader} is the {@code Idempotency-Key} header, if sent. */
    static TaskRequest parse(String body, String idempotencyHeader) {
        return parse(JsonBodies.object(body, FIELDS), idempotencyHeader);
    }

    /**
     * Parses the body of {@code POST /tasks/batch}: {@code {"tasks": [task, ...]}}. Refuses a malformed body as a
     * whole, and malformed tasks all at once, each named by its index.
     */
    static List<TaskRequest> parseBatch(String body) {
        JsonObject json = JsonBodies.object(body, Set.of("tasks"));
        if (!(json.get("tasks") instanceof JsonArray tasks)) {
            throw ApiException.badRequest("tasks", "tasks must be an array of task requests");
        }
        if (tasks.isEmpty() || tasks.size() > TaskQueueRemote.MAX_BATCH_SIZE) {
            throw ApiException.badRequest(
                    "tasks", "a batch holds 1 to " + TaskQueueRemote.MAX_BATCH_SIZE + " tasks, was " + tasks.size());
        }
        List<TaskRequest> requests = new ArrayList<>(tasks.size());
        List<BatchItemError> errors = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            try {
                if (!(tasks.get(i) instanceof JsonObject task)) {
                    throw ApiException.badRequest(null, "a task must be a JSON object");
                }
                JsonBodies.requireKnown(task, FIELDS, null);
                requests.add(parse(task, null));
            } catch (ApiException e) {
                errors.add(new BatchItemError(
                        i, e.problem().text("field"), e.problem().text("detail")));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors);
        }
        return requests;
    }

    private static TaskRequest parse(JsonObject json, String idempotencyHeader) {
        TaskRequest.Builder request = TaskRequest.builder(string(json, "contract"));
        request.agent(string(json, "agent"));
        JsonValue payload = json.get("payload");
        if (payload != null && payload.getValueType() != JsonValue.ValueType.NULL) {
            if (payload.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("payload", "payload must be a JSON object");
            }
            request.payload(payload.toString());
        }
        Long priority = integer(json, "priority");
        if (priority != null) {
            if (priority < 0 || priority > 9) {
                throw ApiException.badRequest("priority", "priority must be an integer from 0 to 9");
            }
            request.priority(priority.intValue());
        }
        Long delay = integer(json, "delayMs");
        if (delay != null) {
            if (delay < 0) {
                throw ApiException.badRequest("delayMs", "delayMs must be zero or more");
            }
            request.delay(Duration.ofMillis(delay));
        }
        Long timeout = integer(json, "timeoutMs");
        if (timeout != null) {
            if (timeout <= 0) {
                throw ApiException.badRequest("timeoutMs", "timeoutMs must be positive");
            }
            request.timeout(Duration.ofMillis(timeout));
        }
        request.idempotencyKey(idempotencyKey(string(json, "idempotencyKey"), idempotencyHeader));
        request.correlationId(string(json, "correlationId"));
        request.concurrencyKey(string(json, "concurrencyKey"));
        return request.build();
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw ApiException.badRequest(name, name + " must be a string");
    }

    private static Long integer(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.bigIntegerValueExact().longValueExact();
            } catch (ArithmeticException e) {
                throw ApiException.badRequest(name, name + " is out of range");
            }
        }
        throw ApiException.badRequest(name, name + " must be an integer");
    }

    private static String idempotencyKey(String fromBody, String fromHeader) {
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw ApiException.badRequest(
                    "idempotencyKey", "The Idempotency-Key header and the idempotencyKey field differ");
        }
        return fromBody != null ? fromBody : fromHeader;
    }
}
