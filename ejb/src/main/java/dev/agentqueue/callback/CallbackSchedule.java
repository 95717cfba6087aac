package dev.agentqueue.callback;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The callbacks' schedule in Redis: a sorted set of task ids by due time, which the settling transition fills
 * ({@code transition.lua}) and from which nodes take due callbacks under a lease. Each try's outcome is written to the
 * task's record ({@code callback*} fields) in the same step that schedules the next try or ends the callback.
 */
@ApplicationScoped
public class CallbackSchedule {

    private static final LuaScript CLAIM = LuaScript.load("callback-claim");
    private static final LuaScript RECORD = LuaScript.load("callback-record");

    @Inject
    RedisGateway redis;

    /** Takes up to {@code limit} callbacks due at {@code now}, leased to this node until {@code leaseUntil}. */
    public List<String> claim(long now, long leaseUntil, int limit) {
        String[] keys = {RedisKeys.callbacksDue()};
        List<Object> ids = redis.call(
                r -> CLAIM.run(r, keys, Long.toString(now), Long.toString(leaseUntil), Integer.toString(limit)));
        return ids.stream().map(String.class::cast).toList();
    }

    /** Drops a task from the schedule: its record is gone or has no pending callback. */
    public void drop(String taskId) {
        redis.call(r -> r.zrem(RedisKeys.callbacksDue(), taskId));
    }

    /**
     * Records try {@code attempt} of a task's callback with its verdict; tells whether it was recorded (false: the
     * record expired, or the task settled again and has a new callback).
     */
    public boolean record(String taskId, int attempt, CallbackVerdict verdict, long now) {
        String error = verdict.error();
        long next = verdict instanceof CallbackVerdict.Retry retry
                ? now + retry.delay().toMillis()
                : 0;
        String[] keys = {RedisKeys.task(taskId), RedisKeys.callbacksDue()};
        return redis.call(r -> RECORD.runForLong(
                        r,
                        keys,
                        taskId,
                        Integer.toString(attempt - 1),
                        verdict.state(),
                        Integer.toString(attempt),
                        verdict.status() == null ? "0" : verdict.status().toString(),
                        error == null ? "" : error,
                        Long.toString(now),
                        Long.toString(next)))
                == 1;
    }
}
