package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Diagnostic job {@code sleep}: waits {@code arguments.ms} milliseconds, standing in for I/O-bound work. */
@ApplicationScoped
public class SleepJob implements JobHandler {

    /** Longest sleep accepted; longer ones would only tie up a worker. */
    public static final long MAX_MS = 600_000;

    @Override
    public String jobType() {
        return "sleep";
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public void validate(JsonObject arguments) {
        millis(arguments);
    }

    @Override
    public JsonValue handle(JsonObject arguments, TaskContext context) throws InterruptedException {
        long ms = millis(arguments);
        // The sleep is the job: it models a call that waits on a downstream service.
        Thread.sleep(ms);
        return Jsons.object().add("slept_ms", ms).build();
    }

    /** Returns {@code arguments.ms}, checked. */
    static long millis(JsonObject arguments) {
        JsonValue ms = arguments.get("ms");
        if (!(ms instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < 0
                || number.longValue() > MAX_MS) {
            throw new IllegalArgumentException("arguments.ms must be an integer from 0 to " + MAX_MS);
        }
        return number.longValue();
    }
}
