package dev.agentqueue.dlq.redrive;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Redrive jobs in Redis, where every node reads them: a hash per job, the list of its canary's task ids, and the set
 * of jobs not yet ended. A state change is one Lua script checked against {@link RedriveJobState}'s table, so a cancel
 * and the runner's own next step never both win.
 */
@ApplicationScoped
public class RedriveJobStore {

    /** How long an ended job can still be read. */
    static final Duration KEEP_ENDED = Duration.ofDays(7);

    private static final LuaScript MOVE = LuaScript.load("redrive-job-move");

    /** What a state change found. */
    public enum Move {
        MOVED,
        REFUSED,
        MISSING
    }

    @Inject
    RedisGateway redis;

    /** Stores a new job and lists it as active. */
    void create(String id, Map<String, String> hash) {
        redis.call(r -> {
            r.hset(RedisKeys.redriveJob(id), hash);
            return r.sadd(RedisKeys.redriveJobs(), id);
        });
    }

    /** Reads a job. */
    public Optional<RedriveJob> find(String id) {
        Map<String, String> hash = redis.call(r -> r.hgetall(RedisKeys.redriveJob(id)));
        if (hash == null || hash.isEmpty()) {
            return Optional.empty();
        }
        List<String> canary = redis.call(r -> r.lrange(RedisKeys.redriveJobCanary(id), 0, -1));
        return Optional.of(RedriveJob.fromHash(hash, canary));
    }

    /** Returns the ids of the jobs not yet ended. */
    Set<String> active() {
        return redis.call(r -> r.smembers(RedisKeys.redriveJobs()));
    }

    /** Moves a job to {@code target} if its table allows it from the state it is in now. */
    public Move move(String id, RedriveJobState target, String message) {
        return move(id, target.sources(), target, message);
    }

    /** Moves a job to {@code target} if it is in one of the states {@code from} now. */
    public Move move(String id, Set<RedriveJobState> from, RedriveJobState target, String message) {
        String[] keys = {RedisKeys.redriveJob(id), RedisKeys.redriveJobs(), RedisKeys.redriveJobCanary(id)};
        String sources = from.stream().map(Enum::name).collect(Collectors.joining(","));
        long reply = redis.call(r -> MOVE.runForLong(
                r,
                keys,
                id,
                target.name(),
                sources,
                Long.toString(System.currentTimeMillis()),
                message == null ? "" : message,
                target.isFinal() ? "1" : "0",
                Long.toString(KEEP_ENDED.toSeconds())));
        return reply == 1 ? Move.MOVED : reply == 0 ? Move.REFUSED : Move.MISSING;
    }

    /** Adds {@code count} letters to the job's redriven count. */
    void addRedriven(String id, long count) {
        if (count > 0) {
            redis.call(r -> r.hincrby(RedisKeys.redriveJob(id), "redriven", count));
        }
    }

    /** Records one task redriven as part of the job's canary. */
    void addCanaryTask(String id, String taskId) {
        redis.call(r -> r.rpush(RedisKeys.redriveJobCanary(id), taskId));
    }

    /** Records the walk of the dead-letter queue the job goes on with. */
    void walking(String id, String walk) {
        redis.call(r -> r.hset(RedisKeys.redriveJob(id), "walk", walk));
    }

    /** Marks the job's canary as sent, so a runner taking over does not send a second one. */
    void canarySent(String id) {
        redis.call(r -> r.hset(RedisKeys.redriveJob(id), "canaryStarted", "1"));
    }
}
