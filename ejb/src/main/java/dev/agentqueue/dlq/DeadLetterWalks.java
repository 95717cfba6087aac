package dev.agentqueue.dlq;

import dev.agentqueue.redis.NodeLease;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets one walk of the dead-letter queue run at a time across the cluster, by a lease in Redis named by the walk's
 * id. Two walks at once would each put letters back behind the other's marks and end before seeing them; a walk
 * whose lease lapsed (its node stopped, or it paused too long) cannot tell whether another walked meanwhile, so it is
 * over, and its owner starts a new one.
 */
@ApplicationScoped
public class DeadLetterWalks {

    /** How long a walk holds the lease without renewing it; each step renews it. */
    static final Duration LEASE = Duration.ofSeconds(60);

    /** How often a caller waiting for the walk under way to end asks again. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @Inject
    NodeLease lease;

    /** Starts a walk when none is under way and returns its id; empty when one is. */
    public Optional<String> tryStart() {
        String walk = UUID.randomUUID().toString();
        return lease.acquire(RedisKeys.deadLetterWalkLease(), walk, LEASE) ? Optional.of(walk) : Optional.empty();
    }

    /**
     * Starts a walk, waiting up to {@code wait} for the one under way to end, and returns its id.
     *
     * @throws DeadLetterWalkBusyException when the walk under way has not ended by then
     */
    public String start(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Optional<String> walk = tryStart(); ; walk = tryStart()) {
            if (walk.isPresent()) {
                return walk.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DeadLetterWalkBusyException(wait);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Keeps walk {@code walk} going; tells whether it still holds the lease (false: the walk is over). */
    public boolean renew(String walk) {
        return lease.renew(RedisKeys.deadLetterWalkLease(), walk, LEASE);
    }

    /** Ends walk {@code walk}, so the next need not wait for its lease to lapse; ending an ended walk does nothing. */
    public void end(String walk) {
        lease.release(RedisKeys.deadLetterWalkLease(), walk);
    }
}
