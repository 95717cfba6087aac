package dev.agentqueue.flow;

import dev.agentqueue.support.JsonRecords;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A flow definition checked and laid out: each step with its task id, the steps it waits for and the steps that wait
 * for it. Stored with the flow as its definition, so the Lua scripts and a later release read the same plan.
 */
public record FlowPlan(List<PlannedStep> steps) {

    /** The most steps one flow may have. */
    public static final int MAX_STEPS = 100;

    /** The payload member that receives a step's inputs unless the step names another. */
    public static final String DEFAULT_INPUTS = "inputs";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /**
     * One step as planned: {@code task} is its task's envelope (JSON text, kept as written), {@code after} the steps
     * it waits for, {@code next} the steps that wait for it.
     */
    public record PlannedStep(
            String name, String taskId, List<String> after, List<String> next, String inputsAs, String task) {}

    /**
     * Checks the shape of a flow request: 1 to {@value #MAX_STEPS} steps, each with a unique name of letters, digits,
     * '-' and '_', a task, and dependencies on other steps of the flow without a cycle among them.
     *
     * @throws InvalidFlowException naming the first step at fault
     */
    public static void check(FlowRequest request) {
        if (request == null || request.steps() == null || request.steps().isEmpty()) {
            throw new InvalidFlowException(null, "steps", "a flow needs at least one step");
        }
        List<FlowStep> steps = request.steps();
        if (steps.size() > MAX_STEPS) {
            throw new InvalidFlowException(
                    null, "steps", "a flow holds at most " + MAX_STEPS + " steps, was " + steps.size());
        }
        Map<String, FlowStep> byName = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            FlowStep step = steps.get(i);
            String at = "steps[" + i + "]";
            if (step == null) {
                throw new InvalidFlowException(null, at, at + " is missing");
            }
            if (step.name() == null || !NAME.matcher(step.name()).matches()) {
                throw new InvalidFlowException(
                        step.name(), at + ".name", at + ".name must be 1 to 64 letters, digits, '-' or '_'");
            }
            if (byName.put(step.name(), step) != null) {
                throw new InvalidFlowException(step.name(), at + ".name", "two steps are named '" + step.name() + "'");
            }
            if (step.task() == null) {
                throw new InvalidFlowException(step.name(), at + ".task", "step '" + step.name() + "' has no task");
            }
            if (step.inputsAs() != null && !MEMBER.matcher(step.inputsAs()).matches()) {
                throw new InvalidFlowException(
                        step.name(), at + ".inputsAs", "inputsAs must be 1 to 64 letters, digits or '_'");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            FlowStep step = steps.get(i);
            for (String before : after(step)) {
                if (!byName.containsKey(before) || before.equals(step.name())) {
                    throw new InvalidFlowException(
                            step.name(),
                            "steps[" + i + "].after",
                            "step '" + step.name() + "' waits for '" + before
                                    + "', which is no other step of the flow");
                }
            }
        }
        refuseCycles(byName);
    }

    /** Lays out a checked request: {@code taskIds} and {@code envelopes} hold each step's task id and task, in order. */
    public static FlowPlan of(FlowRequest request, List<String> taskIds, List<String> envelopes) {
        Map<String, List<String>> next = new HashMap<>();
        request.steps()
                .forEach(step -> after(step)
                        .forEach(before -> next.computeIfAbsent(before, k -> new ArrayList<>())
                                .add(step.name())));
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < request.steps().size(); i++) {
            FlowStep step = request.steps().get(i);
            planned.add(new PlannedStep(
                    step.name(),
                    taskIds.get(i),
                    List.copyOf(after(step)),
                    List.copyOf(next.getOrDefault(step.name(), List.of())),
                    step.inputsAs() == null ? DEFAULT_INPUTS : step.inputsAs(),
                    envelopes.get(i)));
        }
        return new FlowPlan(List.copyOf(planned));
    }

    /** Reads a plan as {@link #json()} wrote it. */
    public static FlowPlan read(String json) {
        return JsonRecords.readWritten(json, FlowPlan.class);
    }

    /** Returns the plan as JSON, the flow's stored definition. */
    public String json() {
        return JsonRecords.write(this);
    }

    /** Returns the steps that wait for nothing: they are released when the flow starts. */
    public List<PlannedStep> roots() {
        return steps.stream().filter(step -> step.after().isEmpty()).toList();
    }

    /** Returns the step of this name. */
    public Optional<PlannedStep> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }

    private static List<String> after(FlowStep step) {
        return step.after() == null
                ? List.of()
                : step.after().stream().distinct().toList();
    }

    /** Refuses a flow whose dependencies go round in a circle: some of its steps could never start. */
    private static void refuseCycles(Map<String, FlowStep> byName) {
        Map<String, Integer> waits = new HashMap<>();
        Map<String, List<String>> next = new HashMap<>();
        byName.values().forEach(step -> {
            Set<String> distinct = new HashSet<>(after(step));
            waits.put(step.name(), distinct.size());
            distinct.forEach(before ->
                    next.computeIfAbsent(before, k -> new ArrayList<>()).add(step.name()));
        });
        Deque<String> ready = new ArrayDeque<>();
        waits.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        int started = 0;
        while (!ready.isEmpty()) {
            String name = ready.poll();
            started++;
            for (String after : next.getOrDefault(name, List.of())) {
                if (waits.merge(after, -1, Integer::sum) == 0) {
                    ready.add(after);
                }
            }
        }
        if (started < byName.size()) {
            String stuck = byName.keySet().stream()
                    .filter(name -> waits.get(name) > 0)
                    .findFirst()
                    .orElseThrow();
            throw new InvalidFlowException(
                    stuck,
                    "steps",
                    "step '" + stuck + "' waits on a cycle of steps that wait for each other; it could never start");
        }
    }
}
