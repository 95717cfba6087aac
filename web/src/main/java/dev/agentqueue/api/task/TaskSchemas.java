package dev.agentqueue.api.task;

import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskState;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of the task routes as the OpenAPI document describes it: {@link TaskRequestParser} reads the request,
 * {@link TaskView} writes the task. A field added there belongs here too; the generated-client test fails on a field
 * the document lacks.
 */
public final class TaskSchemas {

    private TaskSchemas() {}

    /** The body of {@code POST /tasks}. */
    @Schema(name = "TaskRequest", requiredProperties = "contract", additionalProperties = Schema.False.class)
    public record Request(
            @Schema(description = "The execution contract's id", examples = "agentqueue.job.v1")
            String contract,

            @Schema(description = "The agent that runs the task, for contracts that need one")
            String agent,

            @Schema(description = "The contract's input") Map<String, Object> payload,

            @Schema(minimum = "0", maximum = "9", defaultValue = "4")
            Integer priority,

            @Schema(description = "Milliseconds before the first delivery", minimum = "0")
            Long delayMs,

            @Schema(description = "Most milliseconds one attempt may run", minimum = "1")
            Long timeoutMs,

            @Schema(description = "The same key within 24 h returns the first task; also the Idempotency-Key header")
            String idempotencyKey,

            String correlationId,

            @Schema(
                    description = "A tenant or customer: the server caps how many tasks of one key run at once"
                            + " (GET /limits shows key:<concurrencyKey>)")
            String concurrencyKey) {}

    /** A task record. */
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
    public record Task(
            @Schema(format = "uuid", description = "A UUIDv7, time-ordered")
            String id,

            String contract,
            String agent,
            Map<String, Object> payload,
            int priority,
            String correlationId,
            String idempotencyKey,
            String concurrencyKey,
            TaskState state,

            @Schema(description = "The current delivery, from 1")
            int attempt,

            int maxAttempts,
            long timeoutMs,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time") String startedAt,
            @Schema(format = "date-time") String finishedAt,
            @Schema(format = "date-time") String nextAttemptAt,

            @Schema(description = "The contract's result once COMPLETED (any JSON value), otherwise null")
            Object result,

            @Schema(description = "Non-fatal warnings the contract reported")
            List<String> warnings,

            @Schema(description = "The last error, or null", nullable = true)
            Error error,

            @Schema(description = "Tokens the agent used, when the contract reports it")
            Map<String, Long> usage,

            @Schema(
                    format = "date-time",
                    description = "When the task's last deferral (an open breaker, a reached limit) lets it run; "
                            + "absent when it was never deferred")
            String deferredUntil,

            @Schema(description = "Why the task was last deferred")
            String deferredReason,

            @Schema(description = "How often the task was deferred; a deferral uses no attempt")
            Integer deferrals,

            @Schema(description = "One entry per attempt, oldest first (capped)")
            List<Attempt> history) {}

    /** The error recorded on a task. */
    @Schema(
            name = "TaskError",
            requiredProperties = {"classification", "type", "message", "fingerprint"})
    public record Error(
            ErrorClassification classification,
            @Schema(description = "The exception type") String type,
            String message,

            @Schema(description = "Groups failures with one root cause")
            String fingerprint) {}

    /** One attempt in a task's history. */
    @Schema(
            name = "TaskAttempt",
            requiredProperties = {"attempt", "start"})
    public record Attempt(
            int attempt,
            @Schema(description = "The server that ran it") String node,
            @Schema(format = "date-time") String start,
            @Schema(format = "date-time") String end,

            @Schema(description = "How it ended: a state, or REDRIVEN, REQUEUED, ABANDONED")
            String outcome,

            @Schema(description = "Why it ended so, for outcomes that are not failures")
            String reason,

            @Schema(description = "The failure, for FAILED and DEAD_LETTER")
            AttemptError error) {}

    /** The failure of one attempt, as its history entry keeps it. */
    @Schema(name = "TaskAttemptError")
    public record AttemptError(ErrorClassification classification, String type, String message) {}

    /** One page of {@code GET /tasks}. */
    @Schema(
            name = "TaskPage",
            requiredProperties = {"items", "nextCursor"})
    public record Page(
            List<Task> items,

            @Schema(description = "The cursor of the next page; null after the last one", nullable = true)
            String nextCursor) {}

    /** The body of {@code POST /tasks/batch}. */
    @Schema(name = "TaskBatchRequest", requiredProperties = "tasks", additionalProperties = Schema.False.class)
    public record BatchRequest(
            @Schema(description = "1 to 1,000 tasks, enqueued all or nothing", minItems = 1, maxItems = 1000)
            List<Request> tasks) {}

    /** The answer to {@code POST /tasks/batch}. */
    @Schema(name = "TaskBatch", requiredProperties = "tasks")
    public record Batch(
            @Schema(description = "One receipt per task, in the order sent")
            List<Receipt> tasks) {}

    /** What one task of a batch became. */
    @Schema(
            name = "TaskReceipt",
            requiredProperties = {"id", "state", "duplicate"})
    public record Receipt(
            @Schema(format = "uuid") String id,
            TaskState state,

            @Schema(description = "true when the idempotency key named an earlier task; nothing new was enqueued")
            boolean duplicate) {}
}
