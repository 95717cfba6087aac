package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Diagnostic job {@code count}: waits like {@code sleep}, then adds one to its task's entry in a Redis tally that
 * nothing else writes, so a failover test can tell how many times each task really ran to its end, independently of
 * what the task record says.
 */
@ApplicationScoped
public class CountJob implements JobHandler {

    @Inject
    RedisGateway redis;

    @Override
    public String jobType() {
        return "count";
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public void validate(JsonObject arguments) {
        SleepJob.millis(arguments);
    }

    @Override
    public JsonValue handle(JsonObject arguments, TaskContext context) throws InterruptedException {
        long ms = SleepJob.millis(arguments);
        // The sleep is the job's work; the tally counts the runs that got through it.
        Thread.sleep(ms);
        long runs = redis.call(r -> r.hincrby(RedisKeys.jobRuns(), context.taskId(), 1));
        return Jsons.object().add("slept_ms", ms).add("run", runs).build();
    }
}
