package dev.agentqueue.breaker;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisKeys;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Lua scripts that are the only writers of breaker state, callable on any connection. */
public final class BreakerScripts {

    private static final LuaScript ACQUIRE = LuaScript.load("breaker-acquire");
    private static final LuaScript RECORD = LuaScript.load("breaker-record");
    private static final LuaScript RESET = LuaScript.load("breaker-reset");

    private BreakerScripts() {}

    /** The answer to a request for a call: permitted, or refused until {@code retryAt}. */
    public record Permit(BreakerState state, boolean permitted, Instant retryAt) {}

    /** The outcome of recording a call: the state it left and the outcome's sequence number in the breaker. */
    public record Recorded(BreakerState state, long sequence) {}

    /** Asks the breaker whether a call may go ahead now; turns an expired OPEN into HALF_OPEN. */
    public static Permit acquire(RedisCommands<String, String> redis, String name, BreakerParameters p, long now) {
        List<Object> reply = ACQUIRE.run(
                redis,
                keys(name),
                name,
                Long.toString(now),
                Long.toString(p.delay().toMillis()),
                Integer.toString(p.successThreshold()),
                Long.toString(p.probeLease().toMillis()));
        boolean permitted = ((Long) reply.get(1)) == 1L;
        return new Permit(
                BreakerState.valueOf((String) reply.get(0)),
                permitted,
                permitted ? null : Instant.ofEpochMilli(Long.parseLong((String) reply.get(2))));
    }

    /** Records one call's outcome and returns the state it left the breaker in. */
    public static Recorded record(
            RedisCommands<String, String> redis, String name, BreakerParameters p, boolean success, long now) {
        List<Object> reply = RECORD.run(
                redis,
                keys(name),
                name,
                Long.toString(now),
                success ? "s" : "f",
                Integer.toString(p.requestVolumeThreshold()),
                Double.toString(p.failureRatio()),
                Long.toString(p.delay().toMillis()),
                Integer.toString(p.successThreshold()));
        return new Recorded(BreakerState.valueOf((String) reply.get(0)), Long.parseLong((String) reply.get(1)));
    }

    /** Resets a known breaker to CLOSED with zero counts; returns false for an unknown name. */
    public static boolean reset(RedisCommands<String, String> redis, String name) {
        return RESET.runForLong(redis, keys(name), name) == 1L;
    }

    /** Reads one breaker's stored fields, if it is known. */
    public static Optional<Map<String, String>> read(RedisCommands<String, String> redis, String name) {
        Map<String, String> hash = redis.hgetall(RedisKeys.breaker(name));
        return hash == null || hash.isEmpty() ? Optional.empty() : Optional.of(hash);
    }

    private static String[] keys(String name) {
        return new String[] {RedisKeys.breaker(name), RedisKeys.breakers()};
    }
}
