package dev.agentqueue.api.task;

import dev.agentqueue.task.TaskState;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of the task routes besides the task ({@link TaskView}): the request that {@link TaskRequestParser} reads
 * and the page of a list as the OpenAPI document names it.
 */
public final class TaskSchemas {

    private TaskSchemas() {}

    /** The body of {@code POST /tasks}, as {@link TaskRequestParser} reads it. */
    @Schema(name = "TaskRequest", requiredProperties = "contract", additionalProperties = Schema.False.class)
    public record Request(
            @Schema(description = "The execution contract's id", examples = "agentqueue.job.v1")
            String contract,

            @Schema(description = "The agent that runs the task, for contracts that need one")
            String agent,

            @Schema(
                    implementation = Map.class,
                    additionalProperties = Schema.True.class,
                    description = "The contract's input")
            JsonObject payload,

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
            String concurrencyKey,

            @Schema(
                    format = "uri",
                    maxLength = 2048,
                    description = "An absolute http or https URL on a host the server allows: the settled task is"
                            + " posted there, signed (see the API guide's completion callbacks)")
            String callbackUrl) {}

    /** One page of {@code GET /tasks}. */
    @Schema(
            name = "TaskPage",
            requiredProperties = {"items", "nextCursor"})
    public record Page(
            List<TaskView> items,

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
