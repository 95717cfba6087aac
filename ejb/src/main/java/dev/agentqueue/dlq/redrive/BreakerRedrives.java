package dev.agentqueue.dlq.redrive;

import dev.agentqueue.breaker.BreakerSnapshot;
import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.JsonRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The standing orders to redrive a group when its provider's breaker closes again, kept in one Redis hash; the
 * runner's node {@link #check checks} them every tick and starts a canary redrive job for each breaker that closed.
 */
@ApplicationScoped
public class BreakerRedrives {

    private static final Logger LOG = Logger.getLogger(BreakerRedrives.class.getName());

    @Inject
    RedisGateway redis;

    @Inject
    SharedBreakers breakers;

    @Inject
    RedriveJobs jobs;

    /** Places an order; the breaker's state now is its starting point, so only a later closing starts a job. */
    public BreakerRedrive place(String agent, String fingerprint, String breaker, int canary, String requestedBy) {
        BreakerRedrive order = new BreakerRedrive(
                UUID.randomUUID().toString(), agent, fingerprint, breaker, canary, requestedBy, stateOf(breaker), null);
        redis.call(r -> r.hset(RedisKeys.breakerRedrives(), order.id(), JsonRecords.write(order)));
        LOG.info(() -> "Breaker redrive " + order.id() + " placed by " + requestedBy + ": " + order);
        return order;
    }

    /** Returns every order. */
    public List<BreakerRedrive> list() {
        return redis.call(r -> r.hvals(RedisKeys.breakerRedrives())).stream()
                .map(json -> JsonRecords.readWritten(json, BreakerRedrive.class))
                .toList();
    }

    /** Withdraws an order; tells whether there was one. */
    public boolean withdraw(String id) {
        return redis.call(r -> r.hdel(RedisKeys.breakerRedrives(), id)) == 1;
    }

    /** Starts a redrive job for each order whose breaker closed since the last check, unless its last job runs on. */
    void check() {
        for (BreakerRedrive order : list()) {
            BreakerState now = stateOf(order.breaker());
            if (now == order.lastSeen()) {
                continue;
            }
            BreakerRedrive seen = order.seen(now);
            if (order.closedSinceLastSeen(now) && !running(order.lastJobId())) {
                RedriveJob job = jobs.start(order.jobSpec());
                seen = seen.started(job.id());
                LOG.info(() -> "Breaker " + order.breaker() + " closed: redrive job " + job.id() + " started");
            }
            save(seen);
        }
    }

    private boolean running(String jobId) {
        return jobId != null
                && jobs.find(jobId).map(job -> !job.state().isFinal()).orElse(false);
    }

    private BreakerState stateOf(String breaker) {
        return breakers.find(breaker).map(BreakerSnapshot::state).orElse(BreakerState.CLOSED);
    }

    private void save(BreakerRedrive order) {
        // Only an order still there is updated, so a withdrawal between the read and this write mostly stands; the
        // rare one that does not is withdrawn again by the operator, and its job can be cancelled.
        redis.call(r -> r.hexists(RedisKeys.breakerRedrives(), order.id())
                ? r.hset(RedisKeys.breakerRedrives(), order.id(), JsonRecords.write(order))
                : Boolean.FALSE);
    }
}
