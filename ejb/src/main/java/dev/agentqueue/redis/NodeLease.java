package dev.agentqueue.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/**
 * Leases in Redis that name the one node doing a cluster-wide chore (reconciling lost messages, sampling the shared
 * broker's counters): a node takes a lease when it is free or renews it when it holds it, and a lease lapses by itself
 * when its holder stops renewing (a node that died), so another node takes over.
 */
@ApplicationScoped
public class NodeLease {

    private static final LuaScript ACQUIRE = LuaScript.load("node-lease");

    /**
     * This node's name as a lease holder: the server's node name, so a node restarted after a crash takes its own
     * leases back at once instead of waiting for them to lapse.
     */
    private final String holder = System.getProperty("jboss.node.name", "node-" + UUID.randomUUID());

    @Inject
    RedisGateway redis;

    /** Takes or renews lease {@code key} for {@code ttl}; tells whether this node holds it now. */
    public boolean acquire(String key, Duration ttl) {
        String[] keys = {key};
        return redis.call(r -> ACQUIRE.runForLong(r, keys, holder, Long.toString(ttl.toMillis()))) == 1;
    }

    /** Returns this node's name as a lease holder. */
    public String holder() {
        return holder;
    }
}
