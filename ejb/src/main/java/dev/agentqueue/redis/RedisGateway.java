package dev.agentqueue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * The one way into Redis for single commands and scripts: a shared, thread-safe connection that is opened on
 * first use, reconnects by itself, and reports every Redis failure as a {@link StoreUnavailableException}.
 */
@ApplicationScoped
public class RedisGateway {

    @Inject
    RedisClient client;

    private volatile StatefulRedisConnection<String, String> connection;

    /** Creates a gateway over the given client outside CDI, for tools and tests. */
    public static RedisGateway of(RedisClient client) {
        RedisGateway gateway = new RedisGateway();
        gateway.client = client;
        return gateway;
    }

    /** Runs one unit of work on the shared connection. */
    public <T> T call(Function<RedisCommands<String, String>, T> work) {
        try {
            return work.apply(connection().sync());
        } catch (RedisException e) {
            throw new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    /** Returns the asynchronous commands of the shared connection, for fire-and-forget follow-ups. */
    public RedisAsyncCommands<String, String> async() {
        try {
            return connection().async();
        } catch (RedisException e) {
            throw new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = client.connect();
                    connection = current;
                }
            }
        }
        return current;
    }

    /** Closes the shared connection; the client stays open. */
    @PreDestroy
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
