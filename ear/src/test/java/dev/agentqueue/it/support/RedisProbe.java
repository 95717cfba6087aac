package dev.agentqueue.it.support;

import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.TreeMap;

/**
 * A direct connection to the IT Redis ({@code redis.it.port}) for client-side tests that must see the store as it
 * is, beside the API: how many keys it holds and how many tasks each state index counts.
 */
public final class RedisProbe implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisProbe(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
    }

    /** Connects to the Redis the build started for the ITs. */
    public static RedisProbe connect() {
        String port = System.getProperty("redis.it.port");
        if (port == null) {
            throw new IllegalStateException("System property redis.it.port is not set; run the ITs through Maven");
        }
        return new RedisProbe(RedisClient.create("redis://127.0.0.1:" + port));
    }

    /** Keys that expire sooner than this come and go whatever a test does: leases and settled tasks' event streams. */
    private static final long SHORT_LIVED_SECONDS = 600;

    /**
     * Returns the number of keys in the database, not counting those that come and go whatever a test does: the
     * throughput history's minutes, and every key that expires within ten minutes (the server's leases, and the event
     * streams, which expire a minute after their task settled). Task records, indexes and idempotency keys count.
     */
    public long keyCount() {
        long count = 0;
        for (String key : commands().keys(RedisKeys.PREFIX + "*")) {
            long ttl = commands().ttl(key);
            boolean shortLived = ttl >= 0 && ttl <= SHORT_LIVED_SECONDS;
            if (!shortLived && !key.startsWith(RedisKeys.PREFIX + "stats:minute:")) {
                count++;
            }
        }
        return count;
    }

    /** Returns, per task state, the size of its index. */
    public Map<String, Long> tasksByState() {
        Map<String, Long> counts = new TreeMap<>();
        for (TaskState state : TaskState.values()) {
            counts.put(state.name(), commands().zcard(RedisKeys.stateIndex(state.name())));
        }
        return counts;
    }

    /** Returns the value of a string key, or {@code null}. */
    public String get(String key) {
        return commands().get(key);
    }

    private RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
