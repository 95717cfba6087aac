package dev.agentqueue.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Produces the application's one Lettuce client; every command and script shares one connection through
 * {@link RedisGateway}.
 */
@ApplicationScoped
public class RedisProducer {

    private static final Logger LOG = Logger.getLogger(RedisProducer.class.getName());

    /**
     * Longest pause between reconnect attempts after Redis went away. Lettuce's default backs off to 30 s, which
     * would leave workers deferring tasks for up to half a minute after Redis is back.
     */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    @Inject
    RedisSettings settings;

    @Produces
    @Singleton
    RedisClient client() {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .nettyCustomizer(new ConsolidatedFlushes())
                .build();
        // With a redis-sentinel:// URL the client asks the Sentinels for the current primary on every connect and
        // reconnect, so after a failover the connection that broke with the old primary comes back to the new one.
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected instead of queueing commands that would run after a rollback.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.timeout())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        LOG.info(() -> "Redis client for " + redacted(uri));
        return client;
    }

    void closeClient(@Disposes RedisClient client) {
        client.shutdown();
        // Resources passed to the client are the caller's to release.
        client.getResources().shutdown();
    }

    /** Describes where the client connects, without credentials: the server, or the Sentinels and the primary's name. */
    static String redacted(RedisURI uri) {
        String tls = uri.isSsl() ? " (tls)" : "";
        if (uri.getSentinelMasterId() == null) {
            return uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase() + tls;
        }
        String sentinels = uri.getSentinels().stream()
                .map(sentinel -> sentinel.getHost() + ":" + sentinel.getPort())
                .collect(Collectors.joining(","));
        return "primary '" + uri.getSentinelMasterId() + "' via Sentinels " + sentinels + ", database "
                + uri.getDatabase() + tls;
    }
}
