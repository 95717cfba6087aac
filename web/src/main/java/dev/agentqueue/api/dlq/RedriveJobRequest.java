package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.dlq.redrive.RedriveJobSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the body of {@code POST /dlq/redrive-jobs} as a {@link DlqSchemas.JobRequest}: a {@code filter} (as for a
 * redrive), and optionally a {@code canary} size, {@code confirm} (wait for a confirmation after the canary) and
 * {@code before} (an ISO-8601 time).
 */
final class RedriveJobRequest {

    private static final ObjectReader READER = JsonBodies.reader(DlqSchemas.JobRequest.class);

    private RedriveJobRequest() {}

    static RedriveJobSpec parse(String body, String requestedBy) {
        DlqSchemas.JobRequest json = JsonBodies.read(body, READER);
        if (json.filter() == null) {
            throw ApiException.badRequest("filter", "filter is required");
        }
        int canary = canary(json.canary(), 0);
        boolean confirm = Boolean.TRUE.equals(json.confirm());
        if (confirm && canary == 0) {
            throw ApiException.badRequest("confirm", "confirm needs a canary: give canary > 0");
        }
        return new RedriveJobSpec(
                DlqRequest.filter(json.filter()), null, canary, confirm, before(json.before()), requestedBy);
    }

    /** Checks a canary size, 0 to {@link RedriveJobSpec#MAX_CANARY}; {@code fallback} when absent. */
    static int canary(Integer canary, int fallback) {
        if (canary == null) {
            return fallback;
        }
        if (canary < 0 || canary > RedriveJobSpec.MAX_CANARY) {
            throw JsonBodies.invalid("canary", "must be a whole number from 0 to " + RedriveJobSpec.MAX_CANARY);
        }
        return canary;
    }

    private static Long before(String before) {
        if (before == null) {
            return null;
        }
        try {
            return Instant.parse(before).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw JsonBodies.invalid("before", "must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }
}
