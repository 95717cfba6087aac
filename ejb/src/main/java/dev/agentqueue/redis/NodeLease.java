package dev.agentqueue.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/**
 * Leases in Redis that name the one node doing a cluster-wide chore (reconciling lost messages, sampling the shared
 * broker's counters), or the one holder of another name doing one (a walk of the dead-letter queue): a holder takes a
 * lease when it is free or renews it when it holds it, and a lease lapses by itself when its holder stops renewing (a
 * node that died), so another takes over.
 */
@ApplicationScoped
public class NodeLease {

    private static final LuaScript ACQUIRE = LuaScript.load("node-lease");
    private static final LuaScript HELD = LuaScript.load("lease-held");

    /**
     * This node's name as a lease holder: the server's node name, so a node restarted after a crash takes its own
     * leases back at once instead of waiting for them to lapse.
     */
    private final String holder = System.getProperty("jboss.node.name", "node-" + UUID.randomUUID());

    @Inject
    RedisGateway redis;

    /** Takes or renews lease {@code key} for {@code ttl}; tells whether this node holds it now. */
    public boolean acquire(String key, Duration ttl) {
        return acquire(key, holder, ttl);
    }

    /** Takes or renews lease {@code key} for {@code holder} for {@code ttl}; tells whether {@code holder} holds it now. */
    public boolean acquire(String key, String holder, Duration ttl) {
        String[] keys = {key};
        return redis.call(r -> ACQUIRE.runForLong(r, keys, holder, Long.toString(ttl.toMillis()))) == 1;
    }

    /**
     * Renews lease {@code key} for {@code ttl} only if {@code holder} still holds it; tells whether it did (a lease
     * that lapsed meanwhile is not taken back).
     */
    public boolean renew(String key, String holder, Duration ttl) {
        String[] keys = {key};
        return redis.call(r -> HELD.runForLong(r, keys, holder, Long.toString(Math.max(1, ttl.toMillis())))) == 1;
    }

    /** Gives up lease {@code key} if {@code holder} holds it, so the next holder need not wait for it to lapse. */
    public void release(String key, String holder) {
        String[] keys = {key};
        redis.call(r -> HELD.runForLong(r, keys, holder, "0"));
    }

    /** Returns this node's name as a lease holder. */
    public String holder() {
        return holder;
    }
}
