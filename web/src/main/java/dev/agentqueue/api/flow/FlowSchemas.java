package dev.agentqueue.api.flow;

import dev.agentqueue.api.task.TaskSchemas;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of the flow routes, as {@link FlowRequestParser} reads them and the OpenAPI document names them. */
public final class FlowSchemas {

    private FlowSchemas() {}

    /** The body of {@code POST /flows}. */
    @Schema(name = "FlowRequest", requiredProperties = "steps", additionalProperties = Schema.False.class)
    public record Request(
            @Schema(
                    description = "1 to 100 steps; a step waits for the steps its after names",
                    minItems = 1,
                    maxItems = 100)
            List<Step> steps) {}

    /** One step of a flow definition. */
    @Schema(
            name = "FlowStepRequest",
            requiredProperties = {"name", "task"},
            additionalProperties = Schema.False.class)
    public record Step(
            @Schema(description = "Unique in the flow: 1 to 64 letters, digits, '-' or '_'", examples = "classify")
            String name,

            @Schema(description = "The task the step runs (no idempotencyKey, no delayMs)")
            TaskSchemas.Request task,

            @Schema(description = "The steps this one waits for; none: it starts with the flow")
            List<String> after,

            @Schema(
                    description = "The payload member that receives the results of the steps in after, by step name",
                    defaultValue = "inputs")
            String inputsAs) {}
}
