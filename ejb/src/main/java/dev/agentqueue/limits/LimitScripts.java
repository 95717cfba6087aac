package dev.agentqueue.limits;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisKeys;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Lua scripts that are the only writers of limit state, callable on any connection. */
public final class LimitScripts {

    private static final LuaScript ACQUIRE = LuaScript.load("limit-acquire");
    private static final LuaScript SETTLE = LuaScript.load("limit-settle");
    private static final LuaScript PAUSE = LuaScript.load("limit-pause");

    private LimitScripts() {}

    /** One scope with the limits configured for it (an admin's live settings in Redis take precedence). */
    public record Limited(LimitScope scope, LimitParameters parameters) {}

    /** Identifies one admitted call: its lease and the tokens it reserved. */
    public record Call(String leaseId, long leaseUntilMs, long estimatedTokens) {}

    /**
     * Admits a call in every scope at once, or in none; a refused call is told when to come back, or, refused for
     * want of a free call slot, {@code concurrencyRetryMs} from now.
     */
    public static Admission acquire(
            RedisCommands<String, String> redis, List<Limited> scopes, Call call, long concurrencyRetryMs, long now) {
        List<String> args = new ArrayList<>(List.of(
                Long.toString(now),
                call.leaseId(),
                Long.toString(call.leaseUntilMs()),
                Long.toString(call.estimatedTokens()),
                Long.toString(concurrencyRetryMs)));
        for (Limited limited : scopes) {
            LimitParameters p = limited.parameters();
            args.addAll(List.of(
                    limited.scope().name(),
                    Long.toString(p.requestsPerMinute()),
                    Long.toString(p.tokensPerMinute()),
                    Integer.toString(p.concurrentCalls()),
                    Long.toString(p.burst().toMillis())));
        }
        List<Object> reply = ACQUIRE.run(redis, keys(scopes, true), args.toArray(String[]::new));
        long sequence = (Long) reply.get(1);
        if ((Long) reply.get(0) == 1L) {
            return new Admission(true, sequence, 0, null, null);
        }
        return new Admission(
                false, sequence, Long.parseLong((String) reply.get(2)), (String) reply.get(3), (String) reply.get(4));
    }

    /**
     * Settles an admitted call with the tokens it used: the difference from its estimate goes back to (or is taken
     * from) the token buckets, and its call slot is freed.
     */
    public static void settle(
            RedisCommands<String, String> redis, List<Limited> scopes, Call call, long actualTokens, long now) {
        List<String> args = new ArrayList<>(List.of(
                Long.toString(now),
                call.leaseId(),
                Long.toString(call.estimatedTokens()),
                Long.toString(actualTokens)));
        for (Limited limited : scopes) {
            args.add(Long.toString(limited.parameters().tokensPerMinute()));
            args.add(Long.toString(limited.parameters().burst().toMillis()));
        }
        SETTLE.runForLong(redis, keys(scopes, false), args.toArray(String[]::new));
    }

    /** Refuses every call in a scope until {@code untilMs}, unless it is paused longer already. */
    public static boolean pause(RedisCommands<String, String> redis, LimitScope scope, long untilMs) {
        return PAUSE.runForLong(
                        redis,
                        new String[] {RedisKeys.limit(scope.name()), RedisKeys.limits()},
                        scope.name(),
                        Long.toString(untilMs))
                == 1L;
    }

    /** Reads a scope's counters and bucket state. */
    public static Map<String, String> read(RedisCommands<String, String> redis, LimitScope scope) {
        return redis.hgetall(RedisKeys.limit(scope.name()));
    }

    /** Returns how many calls hold a slot in the scope now. */
    public static long activeCalls(RedisCommands<String, String> redis, LimitScope scope, long now) {
        return redis.zcount(
                RedisKeys.limitLeases(scope.name()),
                io.lettuce.core.Range.create((double) now, Double.POSITIVE_INFINITY));
    }

    private static String[] keys(List<Limited> scopes, boolean withIndex) {
        List<String> keys = new ArrayList<>();
        for (Limited limited : scopes) {
            String name = limited.scope().name();
            keys.add(RedisKeys.limit(name));
            keys.add(RedisKeys.limitLeases(name));
            keys.add(RedisKeys.limitSettings(name));
        }
        if (withIndex) {
            keys.add(RedisKeys.limits());
        }
        return keys.toArray(String[]::new);
    }
}
