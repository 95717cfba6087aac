package dev.agentqueue.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskAttempt;
import dev.agentqueue.task.TaskCallback;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task as the API shows it, and as the OpenAPI document describes it: the members in this order (the record's),
 * times in ISO-8601, the optional ones left out when empty, {@code result} and {@code error} always present.
 */
@Schema(
        name = "Task",
        requiredProperties = {
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
            "result",
            "error"
        })
public record TaskView(
        @Schema(format = "uuid", description = "A UUIDv7, time-ordered")
        String id,

        String contract,
        TaskState state,
        int priority,

        @Schema(description = "The current delivery, from 1")
        int attempt,

        int maxAttempts,
        long timeoutMs,

        @Schema(
                implementation = Map.class,
                additionalProperties = Schema.True.class,
                description = "The contract's input")
        JsonValue payload,

        @Schema(
                type = SchemaType.ARRAY,
                implementation = String.class,
                description = "Non-fatal warnings the contract reported")
        JsonArray warnings,

        @Schema(description = "One entry per attempt, oldest first (capped)")
        List<Attempt> history,

        @JsonInclude(Include.NON_NULL)
        @Schema(description = "The agent that runs the task, for contracts that need one")
        String agent,

        @JsonInclude(Include.NON_NULL) String correlationId,
        @JsonInclude(Include.NON_NULL) String idempotencyKey,

        @JsonInclude(Include.NON_NULL)
        @Schema(description = "A tenant or customer whose tasks run at most so many at once")
        String concurrencyKey,

        @JsonInclude(Include.NON_NULL) @Schema(format = "date-time")
        String createdAt,

        @JsonInclude(Include.NON_NULL) @Schema(format = "date-time")
        String startedAt,

        @JsonInclude(Include.NON_NULL) @Schema(format = "date-time")
        String finishedAt,

        @JsonInclude(Include.NON_NULL) @Schema(format = "date-time")
        String nextAttemptAt,

        @Schema(
                implementation = Object.class,
                description = "The contract's result once COMPLETED (any JSON value), otherwise null")
        JsonValue result,

        @Schema(nullable = true, description = "The last error, or null")
        TaskErrorView error,

        @JsonInclude(Include.NON_NULL)
        @Schema(
                implementation = Map.class,
                additionalProperties = Long.class,
                description = "Tokens the agent used, when the contract reports it")
        JsonValue usage,

        @JsonInclude(Include.NON_NULL)
        @Schema(
                format = "date-time",
                description = "When the task's last deferral (an open breaker, a reached limit) lets it run; "
                        + "absent when it was never deferred")
        String deferredUntil,

        @JsonInclude(Include.NON_NULL) @Schema(description = "Why the task was last deferred")
        String deferredReason,

        @JsonInclude(Include.NON_NULL)
        @Schema(description = "How often the task was deferred; a deferral uses no attempt")
        Integer deferrals,

        @JsonInclude(Include.NON_NULL) @Schema(description = "The task's completion callback; absent when it has none")
        Callback callback) {

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
                task.history().stream().map(Attempt::of).toList(),
                task.agent(),
                task.correlationId(),
                task.idempotencyKey(),
                task.concurrencyKey(),
                iso(task.createdAt()),
                iso(task.startedAt()),
                iso(task.finishedAt()),
                iso(task.nextAttemptAt()),
                task.result(),
                TaskErrorView.of(task.error()),
                task.usage(),
                iso(task.deferredUntil()),
                task.deferredReason(),
                task.deferrals() == 0 ? null : task.deferrals(),
                Callback.of(task.callback()));
    }

    /** A task's callback URL and, once the task has settled, how the POST to it went. */
    @Schema(
            name = "TaskCallback",
            requiredProperties = {"url", "attempts"})
    @JsonInclude(Include.NON_NULL)
    public record Callback(
            @Schema(format = "uri") String url,

            @Schema(
                    description = "PENDING (due, or waiting for its next try), DELIVERED (answered 2xx) or FAILED"
                            + " (a final answer, or out of tries); absent until the task settles")
            String state,

            @Schema(description = "Tries made so far") int attempts,

            @Schema(description = "The HTTP status of the last try; absent when it got no answer")
            Integer lastStatus,

            @Schema(description = "Why the last try failed") String lastError,
            @Schema(format = "date-time") String lastAttemptAt,

            @Schema(format = "date-time", description = "When the next try is due")
            String nextAttemptAt) {

        static Callback of(TaskCallback callback) {
            return callback == null
                    ? null
                    : new Callback(
                            callback.url(),
                            callback.state(),
                            callback.attempts(),
                            callback.lastStatus(),
                            callback.lastError(),
                            iso(callback.lastAttemptAt()),
                            iso(callback.nextAttemptAt()));
        }
    }

    /** One attempt in a task's history, its times in ISO-8601 (Redis keeps them as epoch milliseconds). */
    @Schema(
            name = "TaskAttempt",
            requiredProperties = {"attempt", "start"})
    @JsonInclude(Include.NON_NULL)
    public record Attempt(
            int attempt,
            @Schema(description = "The server that ran it") String node,
            @Schema(format = "date-time") String start,
            @Schema(format = "date-time") String end,

            @Schema(description = "How it ended: a state, or REDRIVEN, REQUEUED, ABANDONED, RECOVERED")
            String outcome,

            @Schema(description = "Why it ended so, for outcomes that are not failures")
            String reason,

            @Schema(description = "The state a RECOVERED task was found in")
            String from,

            @Schema(description = "The failure, for FAILED and DEAD_LETTER")
            AttemptError error,

            @Schema(
                    description =
                            "An operator's change of the payload, on the REDRIVEN entry of a redrive that edited it")
            Edit edit) {

        static Attempt of(TaskAttempt attempt) {
            TaskAttempt.AttemptError error = attempt.error();
            return new Attempt(
                    attempt.attempt(),
                    attempt.node(),
                    iso(attempt.start()),
                    iso(attempt.end()),
                    attempt.outcome(),
                    attempt.reason(),
                    attempt.from(),
                    error == null ? null : new AttemptError(error.classification(), error.type(), error.message()),
                    Edit.of(attempt.edit()));
        }
    }

    /** Who changed a dead letter's payload before redriving it, how, and the payload before (cut when long). */
    @Schema(
            name = "TaskAttemptEdit",
            requiredProperties = {"by", "kind"})
    @JsonInclude(Include.NON_NULL)
    public record Edit(
            String by,

            @Schema(description = "REPLACE or MERGE_PATCH") String kind,

            String previousPayload,

            @Schema(description = "True when previousPayload was cut to its first characters")
            Boolean previousPayloadTruncated) {

        static Edit of(TaskAttempt.Edit edit) {
            return edit == null
                    ? null
                    : new Edit(edit.by(), edit.kind(), edit.previousPayload(), edit.previousPayloadTruncated());
        }
    }

    /** The failure of one attempt, as its history entry keeps it. */
    @Schema(name = "TaskAttemptError")
    public record AttemptError(ErrorClassification classification, String type, String message) {}

    private static String iso(Instant time) {
        return time == null ? null : time.toString();
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
