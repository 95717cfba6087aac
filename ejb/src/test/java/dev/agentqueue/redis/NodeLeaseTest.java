package dev.agentqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testing.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases naming one node, in a real redis-server. */
class NodeLeaseTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = RedisKeys.reconcileLease();

    private RedisGateway gateway;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void oneNodeHoldsTheLeaseUntilItLapses() {
        NodeLease first = lease();
        NodeLease second = lease();

        assertThat(first.acquire(KEY, Duration.ofMinutes(1))).isTrue();
        assertThat(second.acquire(KEY, Duration.ofMinutes(1))).isFalse();
        assertThat(first.acquire(KEY, Duration.ofMillis(100)))
                .as("renewed by its holder")
                .isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean taken = false;
        while (!taken && System.nanoTime() < deadline) {
            taken = second.acquire(KEY, Duration.ofMinutes(1));
        }
        assertThat(taken).as("taken over once the holder stopped renewing").isTrue();
        assertThat(first.acquire(KEY, Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void leasesOfDifferentChoresAreHeldApart() {
        NodeLease first = lease();
        NodeLease second = lease();

        assertThat(first.acquire(KEY, Duration.ofMinutes(1))).isTrue();
        assertThat(second.acquire(RedisKeys.statsSamplerLease(), Duration.ofMinutes(1)))
                .isTrue();
    }

    @Test
    void aNamedHolderRenewsOnlyWhileItHoldsTheLeaseAndGivesItUpForTheNext() {
        NodeLease lease = lease();
        String key = RedisKeys.deadLetterWalkLease();

        assertThat(lease.acquire(key, "walk-1", Duration.ofMinutes(1))).isTrue();
        assertThat(lease.acquire(key, "walk-2", Duration.ofMinutes(1))).isFalse();
        assertThat(lease.renew(key, "walk-2", Duration.ofMinutes(1))).isFalse();
        assertThat(lease.renew(key, "walk-1", Duration.ofMinutes(1))).isTrue();

        lease.release(key, "walk-2");
        assertThat(lease.acquire(key, "walk-2", Duration.ofMinutes(1)))
                .as("a release by another holder does nothing")
                .isFalse();
        lease.release(key, "walk-1");
        assertThat(lease.renew(key, "walk-1", Duration.ofMinutes(1)))
                .as("a lease given up is not renewed")
                .isFalse();
        assertThat(lease.acquire(key, "walk-2", Duration.ofMinutes(1))).isTrue();
    }

    private NodeLease lease() {
        NodeLease lease = new NodeLease();
        lease.redis = gateway;
        return lease;
    }
}
