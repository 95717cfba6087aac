package dev.agentqueue.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Test data: task requests for the built-in diagnostic jobs of {@code agentqueue.job.v1}. */
public final class Jobs {

    public static final String CONTRACT = "agentqueue.job.v1";

    private Jobs() {}

    /** A request for the {@code echo} job with the given arguments. */
    public static JsonObjectBuilder echo(JsonObjectBuilder arguments) {
        return job("echo", arguments);
    }

    /** A request for the {@code sleep} job. */
    public static JsonObjectBuilder sleep(long ms) {
        return job("sleep", Json.createObjectBuilder().add("ms", ms));
    }

    /** A request for a {@code fail} job that fails retryably until the given attempt (0 = always). */
    public static JsonObjectBuilder failUntil(int succeedOnAttempt) {
        JsonObjectBuilder arguments = Json.createObjectBuilder().add("mode", "retryable");
        if (succeedOnAttempt > 0) {
            arguments.add("succeed_on_attempt", succeedOnAttempt);
        }
        return job("fail", arguments);
    }

    /** A request for a {@code fail} job that fails terminally with the given message. */
    public static JsonObjectBuilder failTerminally(String message) {
        return job("fail", Json.createObjectBuilder().add("mode", "terminal").add("message", message));
    }

    /**
     * A request for a {@code fail} job that fails in {@code mode} ({@code retryable} or {@code terminal}) with
     * {@code message} until it has been redriven once from the DLQ, then succeeds at {@code succeedOnAttempt} (0:
     * at once).
     */
    public static JsonObjectBuilder failUntilRedriven(String mode, String message, int succeedOnAttempt) {
        JsonObjectBuilder arguments = Json.createObjectBuilder()
                .add("mode", mode)
                .add("message", message)
                .add("succeed_after_redrives", 1);
        if (succeedOnAttempt > 0) {
            arguments.add("succeed_on_attempt", succeedOnAttempt);
        }
        return job("fail", arguments);
    }

    /** Returns the task request for a job type and its arguments. */
    public static JsonObjectBuilder job(String type, JsonObjectBuilder arguments) {
        return Json.createObjectBuilder()
                .add("contract", CONTRACT)
                .add("payload", Json.createObjectBuilder().add("job_type", type).add("arguments", arguments));
    }

    /** Returns the task request as a built object. */
    public static JsonObject build(JsonObjectBuilder request) {
        return request.build();
    }
}
