package dev.agentqueue.callback;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import jakarta.json.JsonValue;

/**
 * The JSON body of a callback: which task settled, how, and its result or error. Every member is always present,
 * {@code null} when empty, so that a receiver reads one shape.
 */
@JsonPropertyOrder({
    "event",
    "taskId",
    "state",
    "contract",
    "agent",
    "correlationId",
    "attempt",
    "finishedAt",
    "result",
    "error"
})
public record CallbackPayload(
        String event,
        String taskId,
        TaskState state,
        String contract,
        String agent,
        String correlationId,
        int attempt,
        String finishedAt,
        JsonValue result,
        TaskError error) {

    /** The {@code event} of every callback. */
    public static final String TASK_SETTLED = "task.settled";

    /** Returns the body for a settled task. */
    public static CallbackPayload of(TaskSnapshot task) {
        return new CallbackPayload(
                TASK_SETTLED,
                task.id(),
                task.state(),
                task.contract(),
                task.agent(),
                task.correlationId(),
                task.attempt(),
                task.finishedAt() == null ? null : task.finishedAt().toString(),
                task.state() == TaskState.COMPLETED ? task.result() : null,
                task.state() == TaskState.COMPLETED ? null : task.error());
    }
}
