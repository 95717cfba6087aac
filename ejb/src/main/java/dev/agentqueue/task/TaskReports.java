package dev.agentqueue.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskTransition.Guard;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a running attempt reports while it runs, written to its task's record and events: progress, a renewed lease
 * and streamed output. Each is checked against the attempt, so a stale worker's report never lands on a newer one.
 */
@ApplicationScoped
public class TaskReports {

    @Inject
    TaskStore store;

    @Inject
    RedisGateway redis;

    @Inject
    TaskSettings settings;

    /**
     * Records progress reported by a running attempt and appends it to the task's events; ignored once the attempt
     * is no longer the current one.
     */
    public TransitionOutcome progress(String id, int attempt, int percent, String message) {
        Progress progress = new Progress(attempt, percent, message);
        return store.transition(
                new TaskTransition(id, TaskState.RUNNING, Guard.SAME, attempt, System.currentTimeMillis())
                        .event("progress", progress)
                        .field(TaskFields.PROGRESS, JsonRecords.write(progress)));
    }

    /**
     * Notes that a running attempt holds its lease until {@code leaseUntil} (ms), so the reconciler does not take it
     * for lost; ignored once the attempt is no longer the current one.
     */
    public TransitionOutcome heartbeat(String id, int attempt, long leaseUntil) {
        return store.transition(
                new TaskTransition(id, TaskState.RUNNING, Guard.SAME, attempt, System.currentTimeMillis())
                        .field(TaskFields.LEASE_UNTIL, Long.toString(leaseUntil)));
    }

    /**
     * Appends a piece of a running attempt's output (a chat model's streamed text) to the task's events, without
     * waiting for Redis: it is sent on the shared connection before the attempt's outcome, so it is stored before it.
     */
    public void output(String id, int attempt, String text) {
        RedisAsyncCommands<String, String> async = redis.async();
        String key = RedisKeys.taskEvents(id);
        async.xadd(
                key,
                XAddArgs.Builder.maxlen(settings.eventsMaxLength()).approximateTrimming(),
                "type",
                "output",
                "data",
                JsonRecords.write(new Output(attempt, text)));
        async.expire(key, settings.eventsTtl().toSeconds());
    }

    /** The progress a running attempt reported last: a percentage and an optional message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Progress(int attempt, int percent, String message) {}

    /** A piece of a running attempt's output. */
    private record Output(int attempt, String text) {}
}
