package dev.agentqueue.stats;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskFields;
import dev.agentqueue.task.TaskState;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-minute buckets of the last hour in Redis: nodes add their broker's counts to them and recount the task
 * store's completions into them ({@link ThroughputSampler}); the API reads them. A bucket expires after two hours,
 * so the history costs at most about 120 small hashes.
 */
@ApplicationScoped
public class ThroughputHistory {

    /** How far back {@link #lastHour} reaches. */
    public static final Duration WINDOW = Duration.ofHours(1);

    /** Most completed tasks per minute whose latency is read; beyond it, the minute's first ones stand for all. */
    static final int LATENCY_SAMPLE = 200;

    static final Duration BUCKET_TTL = Duration.ofHours(2);
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    @Inject
    RedisGateway redis;

    /** Returns the minutes of the hour up to {@code nowMs}, oldest first; the last one is still going on. */
    public List<MinuteStats> lastHour(long nowMs) {
        long current = minuteOf(nowMs);
        int minutes = (int) (WINDOW.toMillis() / MINUTE_MS);
        List<MinuteStats> history = new ArrayList<>(minutes);
        for (long start = current - (minutes - 1) * MINUTE_MS; start <= current; start += MINUTE_MS) {
            long bucket = start;
            history.add(MinuteStats.fromHash(bucket, redis.call(r -> r.hgetall(RedisKeys.statsMinute(bucket)))));
        }
        return history;
    }

    /** Returns how many tasks each state's index holds; settled tasks stay counted until their record expires. */
    public Map<TaskState, Long> stateCounts() {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            counts.put(state, redis.call(r -> r.zcard(RedisKeys.stateIndex(state.name()))));
        }
        return counts;
    }

    /** Adds one node's broker counts since its last sample to the minute holding {@code nowMs}. */
    void addBrokerCounts(long nowMs, long added, long acknowledged, long deadLettered) {
        String key = RedisKeys.statsMinute(minuteOf(nowMs));
        redis.call(r -> {
            r.hincrby(key, MinuteStats.ADDED, added);
            r.hincrby(key, MinuteStats.ACKNOWLEDGED, acknowledged);
            r.hincrby(key, MinuteStats.DEAD_LETTERED, deadLettered);
            return r.expire(key, BUCKET_TTL.toSeconds());
        });
    }

    /**
     * Counts the tasks that completed in the minute holding {@code atMs}, and their latency, from the task store's
     * COMPLETED index (scored by completion time). Any node may do it at any time: it writes the same figures.
     */
    void recountCompletions(long atMs) {
        long start = minuteOf(atMs);
        Range<Long> minute = Range.create(start, start + MINUTE_MS - 1);
        String index = RedisKeys.stateIndex(TaskState.COMPLETED.name());
        long completed = redis.call(r -> r.zcount(index, minute));
        List<String> ids = redis.call(r -> r.zrangebyscore(index, minute, Limit.create(0, LATENCY_SAMPLE)));
        LatencySummary latency = LatencySummary.of(latencies(ids));
        Map<String, String> fields = new HashMap<>();
        fields.put(MinuteStats.COMPLETED, Long.toString(completed));
        fields.put(MinuteStats.SAMPLED, Integer.toString(latency == null ? 0 : latency.sampled()));
        if (latency != null) {
            fields.put(MinuteStats.P50, Long.toString(latency.p50Ms()));
            fields.put(MinuteStats.P95, Long.toString(latency.p95Ms()));
            fields.put(MinuteStats.MAX, Long.toString(latency.maxMs()));
        }
        String key = RedisKeys.statsMinute(start);
        redis.call(r -> {
            r.hset(key, fields);
            return r.expire(key, BUCKET_TTL.toSeconds());
        });
    }

    private long[] latencies(List<String> ids) {
        long[] millis = new long[ids.size()];
        int n = 0;
        for (String id : ids) {
            List<KeyValue<String, String>> times =
                    redis.call(r -> r.hmget(RedisKeys.task(id), TaskFields.CREATED_AT, TaskFields.FINISHED_AT));
            if (times.stream().allMatch(t -> t.hasValue() && !t.getValue().isEmpty())) {
                millis[n++] = Long.parseLong(times.get(1).getValue())
                        - Long.parseLong(times.get(0).getValue());
            }
        }
        return Arrays.copyOf(millis, n);
    }

    static long minuteOf(long ms) {
        return ms - Math.floorMod(ms, MINUTE_MS);
    }
}
