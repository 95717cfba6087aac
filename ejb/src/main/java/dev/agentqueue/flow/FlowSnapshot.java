package dev.agentqueue.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A flow as stored: its state, when it started and settled ({@code finishedAt} 0 while it runs), and its steps in the
 * order of the definition.
 */
public record FlowSnapshot(String id, FlowState state, long createdAt, long finishedAt, List<Step> steps) {

    /**
     * One step as stored: its task id, the steps it waits for, its state, and its task's result (JSON text) once it
     * completed, else null.
     */
    public record Step(String name, String taskId, List<String> after, StepState state, String resultJson) {}

    /** Reads the flow's hash and its steps' hash. */
    static FlowSnapshot fromHashes(Map<String, String> flow, Map<String, String> steps) {
        FlowPlan plan = FlowPlan.read(flow.get("definition"));
        List<Step> read = new ArrayList<>(plan.steps().size());
        for (FlowPlan.PlannedStep step : plan.steps()) {
            read.add(new Step(
                    step.name(),
                    step.taskId(),
                    step.after(),
                    StepState.valueOf(steps.getOrDefault(step.name(), StepState.WAITING.name())),
                    steps.get(step.name() + ":result")));
        }
        String finished = flow.get("finishedAt");
        return new FlowSnapshot(
                flow.get("id"),
                FlowState.valueOf(flow.get("state")),
                Long.parseLong(flow.get("createdAt")),
                finished == null ? 0 : Long.parseLong(finished),
                List.copyOf(read));
    }
}
