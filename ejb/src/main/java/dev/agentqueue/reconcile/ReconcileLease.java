package dev.agentqueue.reconcile;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/**
 * A lease in Redis naming the one node that reconciles: a node takes it when it is free or renews it when it holds
 * it, and it lapses by itself when its holder stops renewing (a node that died), so another node takes over.
 */
@ApplicationScoped
public class ReconcileLease {

    private static final LuaScript ACQUIRE = LuaScript.load("reconcile-lease");

    /**
     * This node's name as a lease holder: the server's node name, so a node restarted after a crash takes its own
     * lease back at once instead of waiting for it to lapse.
     */
    private final String holder = System.getProperty("jboss.node.name", "node-" + UUID.randomUUID());

    @Inject
    RedisGateway redis;

    /** Takes or renews the lease for {@code ttl}; tells whether this node holds it now. */
    public boolean acquire(Duration ttl) {
        String[] keys = {RedisKeys.reconcileLease()};
        return redis.call(r -> ACQUIRE.runForLong(r, keys, holder, Long.toString(ttl.toMillis()))) == 1;
    }

    /** Returns this node's name as a lease holder. */
    public String holder() {
        return holder;
    }
}
