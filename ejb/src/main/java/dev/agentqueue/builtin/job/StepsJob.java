package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Diagnostic job {@code steps}: works through {@code arguments.steps} steps of {@code arguments.step_ms} milliseconds
 * each, reporting its progress after each and, unless {@code arguments.heartbeat} is false, a heartbeat: a long job
 * that shows how heartbeats hold its lease past the task's timeout.
 */
@ApplicationScoped
public class StepsJob implements JobHandler {

    /** Most steps accepted. */
    static final int MAX_STEPS = 1_000;

    @Override
    public String jobType() {
        return "steps";
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public void validate(JsonObject arguments) {
        steps(arguments);
        stepMillis(arguments);
        heartbeat(arguments);
    }

    @Override
    public JsonValue handle(JsonObject arguments, TaskContext context) throws InterruptedException {
        int steps = steps(arguments);
        long stepMillis = stepMillis(arguments);
        boolean heartbeat = heartbeat(arguments);
        for (int step = 1; step <= steps; step++) {
            // Each sleep stands for a step of real work.
            Thread.sleep(stepMillis);
            if (heartbeat) {
                context.heartbeat();
            }
            context.progress(step * 100 / steps, "step " + step + " of " + steps);
        }
        return Jsons.object().add("steps", steps).build();
    }

    private static int steps(JsonObject arguments) {
        JsonValue steps = arguments.get("steps");
        if (!(steps instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < 1
                || number.longValue() > MAX_STEPS) {
            throw new IllegalArgumentException("arguments.steps must be an integer from 1 to " + MAX_STEPS);
        }
        return number.intValue();
    }

    private static long stepMillis(JsonObject arguments) {
        JsonValue ms = arguments.get("step_ms");
        if (!(ms instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < 0
                || number.longValue() > SleepJob.MAX_MS) {
            throw new IllegalArgumentException("arguments.step_ms must be an integer from 0 to " + SleepJob.MAX_MS);
        }
        return number.longValue();
    }

    private static boolean heartbeat(JsonObject arguments) {
        JsonValue heartbeat = arguments.getOrDefault("heartbeat", JsonValue.TRUE);
        if (heartbeat != JsonValue.TRUE && heartbeat != JsonValue.FALSE) {
            throw new IllegalArgumentException("arguments.heartbeat must be true or false");
        }
        return heartbeat == JsonValue.TRUE;
    }
}
