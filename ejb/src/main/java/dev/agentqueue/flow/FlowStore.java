package dev.agentqueue.flow;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flow records in Redis: one hash for the flow (state, counters, plan) and one for its steps (state, open
 * dependencies, result). Every change is one Lua script, so a step's completion and the release of the steps that
 * waited for it are one atomic step, and repeating it changes nothing.
 */
@ApplicationScoped
public class FlowStore {

    private static final LuaScript CREATE = LuaScript.load("flow-create");
    private static final LuaScript CONFIRM = LuaScript.load("flow-confirm");
    private static final LuaScript STEP_DONE = LuaScript.load("flow-step-done");
    private static final LuaScript STEP_DEAD = LuaScript.load("flow-step-dead");
    private static final LuaScript CANCEL = LuaScript.load("flow-cancel");

    @Inject
    RedisGateway redis;

    @Inject
    TaskSettings settings;

    /** A step whose task is to be sent now: its name, task id, and the results of the steps it waited for (JSON). */
    public record Release(String step, String taskId, String inputsJson) {}

    /** What a cancel did: the outcome, the flow's state before, and the tasks of released steps to cancel. */
    public record Cancellation(Outcome outcome, FlowState previous, List<String> releasedTaskIds) {

        /** How a cancel ended. */
        public enum Outcome {
            CANCELLED,
            MISSING,
            SETTLED
        }
    }

    /**
     * Writes a new flow with its steps; those that wait for nothing are released at once. A {@code provisional}
     * flow expires unless {@link #confirm} follows. Returns false when a flow of this id exists.
     */
    public boolean create(String id, long now, FlowPlan plan, boolean provisional) {
        List<String> args = new ArrayList<>(List.of(
                id,
                Long.toString(now),
                plan.json(),
                Long.toString(provisional ? settings.provisionalTtl().toSeconds() : 0)));
        for (FlowPlan.PlannedStep step : plan.steps()) {
            args.add(step.name());
            args.add(Integer.toString(step.after().size()));
        }
        return redis.call(r -> CREATE.runForLong(r, keys(id), args.toArray(String[]::new))) == 1L;
    }

    /** Makes a provisional flow permanent once its first steps are on the queue. */
    public void confirm(String id) {
        redis.call(r -> CONFIRM.runForLong(r, keys(id)));
    }

    /** Removes a flow whose first steps could not be sent. */
    public void discard(String id) {
        redis.call(r -> r.del(keys(id)));
    }

    /** Reads one flow. */
    public Optional<FlowSnapshot> find(String id) {
        Map<String, String> flow = redis.call(r -> r.hgetall(RedisKeys.flow(id)));
        if (flow == null || flow.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> steps = redis.call(r -> r.hgetall(RedisKeys.flowSteps(id)));
        return Optional.of(FlowSnapshot.fromHashes(flow, steps));
    }

    /** Returns a flow's state, if the flow exists. */
    public Optional<FlowState> state(String id) {
        String state = redis.call(r -> r.hget(RedisKeys.flow(id), "state"));
        return Optional.ofNullable(state).map(FlowState::valueOf);
    }

    /** Returns a flow's plan, if the flow exists. */
    public Optional<FlowPlan> plan(String id) {
        String definition = redis.call(r -> r.hget(RedisKeys.flow(id), "definition"));
        return Optional.ofNullable(definition).map(FlowPlan::read);
    }

    /**
     * Records that the task of {@code step} completed (its record must say so) and returns the steps to send now:
     * those that waited for it last, and, when this is a repeat, those it released before. None once the flow is
     * cancelled or gone.
     */
    public List<Release> stepCompleted(String flowId, String step, String taskId, long now) {
        String[] keys = {RedisKeys.flow(flowId), RedisKeys.flowSteps(flowId), RedisKeys.task(taskId)};
        List<Object> reply = redis.call(r -> STEP_DONE.run(
                r,
                keys,
                step,
                Long.toString(now),
                Long.toString(settings.retention().toSeconds())));
        List<Release> released = new ArrayList<>();
        for (int i = 2; i + 2 < reply.size(); i += 3) {
            released.add(new Release((String) reply.get(i), (String) reply.get(i + 1), (String) reply.get(i + 2)));
        }
        return released;
    }

    /** Records that the released task of {@code step} was dead-lettered; returns the flow's state, if it exists. */
    public Optional<FlowState> stepDeadLettered(String flowId, String step) {
        List<Object> reply = redis.call(r -> STEP_DEAD.run(r, keys(flowId), step));
        String state = reply.isEmpty() ? "" : (String) reply.get(0);
        return state.isEmpty() ? Optional.empty() : Optional.of(FlowState.valueOf(state));
    }

    /** Cancels a flow that has not settled: the steps still waiting are never released. */
    public Cancellation cancel(String id, long now) {
        List<Object> reply = redis.call(r -> CANCEL.run(
                r,
                keys(id),
                Long.toString(now),
                Long.toString(settings.retention().toSeconds())));
        String before = (String) reply.get(1);
        FlowState previous = before.isEmpty() ? null : FlowState.valueOf(before);
        Cancellation.Outcome outcome = switch ((String) reply.get(0)) {
            case "OK" -> Cancellation.Outcome.CANCELLED;
            case "MISSING" -> Cancellation.Outcome.MISSING;
            default -> Cancellation.Outcome.SETTLED;
        };
        List<String> taskIds = new ArrayList<>();
        for (int i = 2; i < reply.size(); i++) {
            taskIds.add((String) reply.get(i));
        }
        return new Cancellation(outcome, previous, List.copyOf(taskIds));
    }

    private static String[] keys(String id) {
        return new String[] {RedisKeys.flow(id), RedisKeys.flowSteps(id)};
    }
}
