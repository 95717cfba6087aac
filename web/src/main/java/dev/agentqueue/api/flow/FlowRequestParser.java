package dev.agentqueue.api.flow;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.problem.Problem;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.api.task.TaskRequestParser;
import dev.agentqueue.flow.FlowRequest;
import dev.agentqueue.flow.FlowStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON body of {@code POST /flows} into a {@link FlowRequest}: each step's task as {@code POST /tasks} reads
 * a task, a refusal naming the step and the field.
 */
final class FlowRequestParser {

    private static final ObjectReader READER = JsonBodies.reader(FlowSchemas.Request.class);

    private FlowRequestParser() {}

    static FlowRequest parse(String body) {
        FlowSchemas.Request request = JsonBodies.read(body, READER);
        if (request.steps() == null) {
            throw JsonBodies.invalid("steps", "must be an array of steps");
        }
        List<FlowStep> steps = new ArrayList<>(request.steps().size());
        for (int i = 0; i < request.steps().size(); i++) {
            FlowSchemas.Step step = request.steps().get(i);
            if (step == null) {
                throw ApiException.badRequest("steps[" + i + "]", "steps[" + i + "] must be a step object");
            }
            try {
                steps.add(new FlowStep(
                        step.name(),
                        step.task() == null ? null : TaskRequestParser.parse(step.task()),
                        step.after() == null ? List.of() : step.after(),
                        step.inputsAs()));
            } catch (ApiException e) {
                String field = e.problem().text("field");
                throw new ApiException(Problem.of(
                                400,
                                "invalid-request",
                                "Invalid request",
                                "step '" + step.name() + "': " + e.problem().text("detail"))
                        .with("field", "steps[" + i + "].task" + (field == null ? "" : "." + field))
                        .with("step", step.name()));
            }
        }
        return new FlowRequest(steps);
    }
}
