package dev.agentqueue.api.dlq;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.dlq.redrive.RedriveJobSpec;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The body of {@code POST /dlq/redrive-jobs}: a {@code filter} (as for a redrive), and optionally a {@code canary}
 * size, {@code confirm} (wait for a confirmation after the canary) and {@code before} (an ISO-8601 time).
 */
final class RedriveJobRequest {

    static final Set<String> FIELDS = Set.of("filter", "canary", "confirm", "before");

    private RedriveJobRequest() {}

    static RedriveJobSpec parse(String body, String requestedBy) {
        JsonObject json = JsonBodies.object(body, FIELDS);
        if (!json.containsKey("filter")) {
            throw ApiException.badRequest("filter", "filter is required");
        }
        int canary = canary(json.get("canary"), 0);
        boolean confirm = confirm(json.get("confirm"));
        if (confirm && canary == 0) {
            throw ApiException.badRequest("confirm", "confirm needs a canary: give canary > 0");
        }
        return new RedriveJobSpec(
                DlqRequest.filter(json.get("filter")), null, canary, confirm, before(json.get("before")), requestedBy);
    }

    /** Reads a canary size, 0 to {@link RedriveJobSpec#MAX_CANARY}; {@code fallback} when absent. */
    static int canary(JsonValue value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < 0
                || number.longValue() > RedriveJobSpec.MAX_CANARY) {
            throw ApiException.badRequest(
                    "canary", "canary must be a whole number from 0 to " + RedriveJobSpec.MAX_CANARY);
        }
        return number.intValue();
    }

    private static boolean confirm(JsonValue value) {
        if (value == null || value == JsonValue.FALSE) {
            return false;
        }
        if (value != JsonValue.TRUE) {
            throw ApiException.badRequest("confirm", "confirm must be true or false");
        }
        return true;
    }

    private static Long before(JsonValue value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw ApiException.badRequest("before", "before must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
        try {
            return Instant.parse(text.getString()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("before", "before must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }
}
