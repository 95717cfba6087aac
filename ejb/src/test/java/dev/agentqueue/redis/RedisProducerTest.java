package dev.agentqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

/** What the Redis client logs about where it connects: the place, never the password. */
class RedisProducerTest {

    @Test
    void aSentinelUrlIsDescribedByItsSentinelsAndThePrimarysName() {
        RedisURI uri = RedisURI.create("redis-sentinel://:s3cret@10.0.0.1:26379,10.0.0.2:26380/2#agentqueue");

        assertThat(RedisProducer.redacted(uri))
                .isEqualTo("primary 'agentqueue' via Sentinels 10.0.0.1:26379,10.0.0.2:26380, database 2")
                .doesNotContain("s3cret");
    }

    @Test
    void aPlainUrlIsDescribedByHostPortAndDatabase() {
        RedisURI uri = RedisURI.create("rediss://:s3cret@redis.example:6380/1");

        assertThat(RedisProducer.redacted(uri)).isEqualTo("redis.example:6380/1 (tls)");
    }
}
