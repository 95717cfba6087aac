package dev.agentqueue.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.ConnectionPoolSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Produces the application's one Lettuce client and the pool of connections reserved for transactional and
 * blocking work; single commands and scripts share one connection through {@link RedisGateway}.
 */
@ApplicationScoped
public class RedisProducer {

    private static final Logger LOG = Logger.getLogger(RedisProducer.class.getName());

    @Inject
    RedisSettings settings;

    @Produces
    @Singleton
    RedisClient client() {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        RedisClient client = RedisClient.create(uri);
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
    }

    @Produces
    @Singleton
    GenericObjectPool<StatefulRedisConnection<String, String>> pool(RedisClient client) {
        GenericObjectPoolConfig<StatefulRedisConnection<String, String>> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(settings.poolMaxTotal());
        config.setMaxIdle(settings.poolMaxIdle());
        config.setMinIdle(settings.poolMinIdle());
        config.setMaxWait(settings.timeout());
        config.setTestOnBorrow(true);
        config.setJmxEnabled(false);
        return ConnectionPoolSupport.createGenericObjectPool(client::connect, config);
    }

    void closePool(@Disposes GenericObjectPool<StatefulRedisConnection<String, String>> pool) {
        pool.close();
    }

    private static String redacted(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase() + (uri.isSsl() ? " (tls)" : "");
    }
}
