package dev.agentqueue.api.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.producer.BatchItemError;
import dev.agentqueue.producer.InvalidBatchException;
import dev.agentqueue.producer.TaskQueueRemote;
import dev.agentqueue.producer.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON body of {@code POST /tasks} into a {@link TaskRequest}, and of {@code POST /tasks/batch} into a
 * list of them: a task is a {@link TaskSchemas.Request}, and what its types do not say (ranges, the idempotency key
 * given twice) is checked here, each refusal naming the field.
 */
public final class TaskRequestParser {

    private static final ObjectReader READER = JsonBodies.reader(TaskSchemas.Request.class);
    private static final ObjectReader BATCH_READER = JsonBodies.reader(BatchBody.class);

    /** A batch body with its tasks kept as JSON trees, so that each is read, and refused, on its own. */
    record BatchBody(List<JsonNode> tasks) {}

    private TaskRequestParser() {}

    /** Parses a request body; {@code idempotencyHeader} is the {@code Idempotency-Key} header, if sent. */
    static TaskRequest parse(String body, String idempotencyHeader) {
        return request(JsonBodies.read(body, READER), idempotencyHeader);
    }

    /**
     * Parses the body of {@code POST /tasks/batch}: {@code {"tasks": [task, ...]}}. Refuses a malformed body as a
     * whole, and malformed tasks all at once, each named by its index.
     */
    static List<TaskRequest> parseBatch(String body) {
        BatchBody batch = JsonBodies.read(body, BATCH_READER);
        List<JsonNode> tasks = batch.tasks();
        if (tasks == null) {
            throw JsonBodies.invalid("tasks", "must be an array of task requests");
        }
        if (tasks.isEmpty() || tasks.size() > TaskQueueRemote.MAX_BATCH_SIZE) {
            throw ApiException.badRequest(
                    "tasks", "a batch holds 1 to " + TaskQueueRemote.MAX_BATCH_SIZE + " tasks, was " + tasks.size());
        }
        List<TaskRequest> requests = new ArrayList<>(tasks.size());
        List<BatchItemError> errors = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            try {
                JsonNode task = tasks.get(i);
                if (task == null || !task.isObject()) {
                    throw ApiException.badRequest(null, "a task must be a JSON object");
                }
                requests.add(request(JsonBodies.read(task.toString(), READER), null));
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

    /** Reads one task request that arrived inside another body, such as a step of a flow. */
    public static TaskRequest parse(TaskSchemas.Request json) {
        return request(json, null);
    }

    private static TaskRequest request(TaskSchemas.Request json, String idempotencyHeader) {
        TaskRequest.Builder request = TaskRequest.builder(json.contract());
        request.agent(json.agent());
        if (json.payload() != null) {
            request.payload(json.payload().toString());
        }
        if (json.priority() != null) {
            if (json.priority() < 0 || json.priority() > 9) {
                throw JsonBodies.invalid("priority", "must be an integer from 0 to 9");
            }
            request.priority(json.priority());
        }
        if (json.delayMs() != null) {
            if (json.delayMs() < 0) {
                throw JsonBodies.invalid("delayMs", "must be zero or more");
            }
            request.delay(Duration.ofMillis(json.delayMs()));
        }
        if (json.timeoutMs() != null) {
            if (json.timeoutMs() <= 0) {
                throw JsonBodies.invalid("timeoutMs", "must be positive");
            }
            request.timeout(Duration.ofMillis(json.timeoutMs()));
        }
        request.idempotencyKey(idempotencyKey(json.idempotencyKey(), idempotencyHeader));
        request.correlationId(json.correlationId());
        request.concurrencyKey(json.concurrencyKey());
        request.callbackUrl(json.callbackUrl());
        return request.build();
    }

    private static String idempotencyKey(String fromBody, String fromHeader) {
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw ApiException.badRequest(
                    "idempotencyKey", "The Idempotency-Key header and the idempotencyKey field differ");
        }
        return fromBody != null ? fromBody : fromHeader;
    }
}
