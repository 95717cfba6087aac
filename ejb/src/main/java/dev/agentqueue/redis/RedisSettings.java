package dev.agentqueue.redis;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Redis connection and pool settings, read from MicroProfile Config (so also from environment variables). */
@ApplicationScoped
public class RedisSettings {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    public static final int DEFAULT_POOL_MAX_TOTAL = 50;
    public static final int DEFAULT_POOL_MAX_IDLE = 10;
    public static final int DEFAULT_POOL_MIN_IDLE = 0;
    public static final String DEFAULT_TIMEOUT = "5s";

    @Inject
    @ConfigProperty(name = "agentqueue.redis.url", defaultValue = DEFAULT_URL)
    String url;

    @Inject
    @ConfigProperty(name = "agentqueue.redis.pool.max-total", defaultValue = "" + DEFAULT_POOL_MAX_TOTAL)
    int poolMaxTotal;

    @Inject
    @ConfigProperty(name = "agentqueue.redis.pool.max-idle", defaultValue = "" + DEFAULT_POOL_MAX_IDLE)
    int poolMaxIdle;

    @Inject
    @ConfigProperty(name = "agentqueue.redis.pool.min-idle", defaultValue = "" + DEFAULT_POOL_MIN_IDLE)
    int poolMinIdle;

    @Inject
    @ConfigProperty(name = "agentqueue.redis.timeout", defaultValue = DEFAULT_TIMEOUT)
    String timeout;

    /** Returns the Redis URL: {@code redis://}, {@code rediss://} or {@code redis-sentinel://}. */
    public String url() {
        return url;
    }

    public int poolMaxTotal() {
        return poolMaxTotal;
    }

    public int poolMaxIdle() {
        return poolMaxIdle;
    }

    public int poolMinIdle() {
        return poolMinIdle;
    }

    /** Returns the connect and command timeout. */
    public Duration timeout() {
        return Durations.parse(timeout);
    }
}
