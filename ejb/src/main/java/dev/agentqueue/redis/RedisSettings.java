package dev.agentqueue.redis;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Redis connection settings, read from MicroProfile Config (so also from environment variables). */
@ApplicationScoped
public class RedisSettings {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    public static final String DEFAULT_TIMEOUT = "5s";

    @Inject
    @ConfigProperty(name = "agentqueue.redis.url", defaultValue = DEFAULT_URL)
    String url;

    @Inject
    @ConfigProperty(name = "agentqueue.redis.timeout", defaultValue = DEFAULT_TIMEOUT)
    String timeout;

    /** Returns the Redis URL: {@code redis://}, {@code rediss://} or {@code redis-sentinel://}. */
    public String url() {
        return url;
    }

    /** Returns the connect and command timeout. */
    public Duration timeout() {
        return Durations.parse(timeout);
    }
}
