package dev.agentqueue.api.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.agentqueue.flow.FlowSnapshot;
import dev.agentqueue.flow.FlowState;
import dev.agentqueue.flow.StepState;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.TaskState;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A flow as the API shows it: its state and its steps in the order of the definition, each with its task's state. */
@Schema(
        name = "Flow",
        requiredProperties = {"id", "state", "createdAt", "steps"})
public record FlowView(
        @Schema(format = "uuid") String id,
        FlowState state,

        @Schema(format = "date-time") String createdAt,

        @JsonInclude(Include.NON_NULL)
        @Schema(format = "date-time", description = "When the flow completed or was cancelled")
        String finishedAt,

        List<StepView> steps) {

    /** One step: what it waits for, its own state, its task's state and, once it completed, its result. */
    @Schema(
            name = "FlowStep",
            requiredProperties = {"name", "taskId", "after", "state", "result"})
    public record StepView(
            String name,

            @Schema(
                    format = "uuid",
                    description =
                            "The task that runs the step (GET /tasks/{id}); it exists once the" + " step is released")
            String taskId,

            List<String> after,
            StepState state,

            @JsonInclude(Include.NON_NULL) @Schema(description = "The state of the step's task, once it exists")
            TaskState taskState,

            @Schema(implementation = Object.class, description = "The task's result once the step COMPLETED, else null")
            JsonValue result) {}

    /** Returns the flow as the API shows it; {@code taskStates} reads the state of a released step's task. */
    static FlowView of(FlowSnapshot flow, Function<String, Optional<TaskState>> taskStates) {
        List<StepView> steps = flow.steps().stream()
                .map(step -> new StepView(
                        step.name(),
                        step.taskId(),
                        step.after(),
                        step.state(),
                        taskState(step, taskStates),
                        step.resultJson() == null ? JsonValue.NULL : parse(step.resultJson())))
                .toList();
        return new FlowView(
                flow.id(),
                flow.state(),
                Instant.ofEpochMilli(flow.createdAt()).toString(),
                flow.finishedAt() == 0
                        ? null
                        : Instant.ofEpochMilli(flow.finishedAt()).toString(),
                steps);
    }

    private static TaskState taskState(FlowSnapshot.Step step, Function<String, Optional<TaskState>> taskStates) {
        return switch (step.state()) {
            case WAITING -> null;
            case COMPLETED -> TaskState.COMPLETED;
            default -> taskStates.apply(step.taskId()).orElse(null);
        };
    }

    private static JsonValue parse(String json) {
        try (var reader = Jsons.reader(json)) {
            return reader.readValue();
        }
    }
}
