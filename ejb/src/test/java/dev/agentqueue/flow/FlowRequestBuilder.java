package dev.agentqueue.flow;

import dev.agentqueue.producer.TaskRequest;
import java.util.ArrayList;
import java.util.List;

/** Test data: {@code aFlow().step("a").step("b", "a").build()}, each step an echo job. */
public final class FlowRequestBuilder {

    private final List<FlowStep> steps = new ArrayList<>();

    private FlowRequestBuilder() {}

    public static FlowRequestBuilder aFlow() {
        return new FlowRequestBuilder();
    }

    /** Adds a step named {@code name} that waits for the steps {@code after}. */
    public FlowRequestBuilder step(String name, String... after) {
        steps.add(FlowStep.of(name, echo(name), after));
        return this;
    }

    /** Adds {@code step} as it is. */
    public FlowRequestBuilder step(FlowStep step) {
        steps.add(step);
        return this;
    }

    public FlowRequest build() {
        return new FlowRequest(steps);
    }

    /** Returns the planned flow, with task ids {@code t-<name>} and a placeholder envelope per step. */
    public FlowPlan plan() {
        FlowRequest request = build();
        FlowPlan.check(request);
        List<String> ids = request.steps().stream().map(s -> "t-" + s.name()).toList();
        List<String> envelopes = request.steps().stream().map(s -> "{}").toList();
        return FlowPlan.of(request, ids, envelopes);
    }

    private static TaskRequest echo(String text) {
        return TaskRequest.builder("agentqueue.job.v1")
                .payload("{\"job_type\":\"echo\",\"arguments\":{\"text\":\"" + text + "\"}}")
                .build();
    }
}
