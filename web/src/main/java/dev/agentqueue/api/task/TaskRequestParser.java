package dev.agentqueue.api.task;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.producer.TaskRequest;
import java.time.Duration;

/**
 * Reads the JSON body of {@code POST /tasks} into a {@link TaskRequest}: the body is a {@link TaskSchemas.Request},
 * and what its types do not say (ranges, the idempotency key given twice) is checked here, each refusal naming the
 * field.
 */
final class TaskRequestParser {

    private static final ObjectReader READER = JsonBodies.reader(TaskSchemas.Request.class);

    private TaskRequestParser() {}

    /** Parses a request body; {@code idempotencyHeader} is the {@code Idempotency-Key} header, if sent. */
    static TaskRequest parse(String body, String idempotencyHeader) {
        TaskSchemas.Request json = JsonBodies.read(body, READER);
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
