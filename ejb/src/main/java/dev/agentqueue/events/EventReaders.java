package dev.agentqueue.events;

import dev.agentqueue.redis.RedisSettings;
import dev.agentqueue.redis.StoreUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bounded pool of dedicated Redis connections for blocking stream reads: a read that waits for events holds its
 * connection, so it must never be the shared one. Connections are opened on demand, kept for reuse when given back,
 * and at most {@code agentqueue.events.readers} are lent at once.
 */
@ApplicationScoped
public class EventReaders {

    public static final int DEFAULT_READERS = 64;

    /** Longest a single read blocks; a listener reads again after it, which also shows whether it is still there. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(10);

    /** Least time a read blocks, whatever the command timeout. */
    static final Duration MIN_BLOCK = Duration.ofMillis(100);

    @Inject
    RedisClient client;

    @Inject
    RedisSettings settings;

    @Inject
    @ConfigProperty(name = "agentqueue.events.readers", defaultValue = "" + DEFAULT_READERS)
    int readers;

    private final Queue<StatefulRedisConnection<String, String>> idle = new ConcurrentLinkedQueue<>();
    private volatile Semaphore lent;

    /**
     * Lends a connection until it is given back with {@link #giveBack}.
     *
     * @throws EventReadersBusyException when all readers are lent
     * @throws StoreUnavailableException when Redis cannot be reached
     */
    StatefulRedisConnection<String, String> lend() {
        if (!permits().tryAcquire()) {
            throw new EventReadersBusyException(readers);
        }
        StatefulRedisConnection<String, String> connection = idle.poll();
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        try {
            return client.connect();
        } catch (RedisException e) {
            permits().release();
            throw new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    /** Takes back a lent connection. */
    void giveBack(StatefulRedisConnection<String, String> connection) {
        if (connection.isOpen()) {
            idle.add(connection);
        }
        permits().release();
    }

    /**
     * Returns how long one read blocks before it answers without events: half the command timeout, which applies to
     * blocking commands too (the client's timeout is fixed), so a read that waits its full time never times out.
     */
    Duration block() {
        Duration half = settings.timeout().dividedBy(2);
        return half.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : half.compareTo(MIN_BLOCK) < 0 ? MIN_BLOCK : half;
    }

    private Semaphore permits() {
        Semaphore current = lent;
        if (current == null) {
            synchronized (this) {
                current = lent;
                if (current == null) {
                    current = new Semaphore(readers);
                    lent = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void closeAll() {
        StatefulRedisConnection<String, String> connection;
        while ((connection = idle.poll()) != null) {
            connection.close();
        }
    }
}
