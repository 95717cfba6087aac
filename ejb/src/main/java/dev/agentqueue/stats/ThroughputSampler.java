package dev.agentqueue.stats;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.QueueStats;
import dev.agentqueue.redis.NodeLease;
import dev.agentqueue.redis.RedisKeys;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fills the {@link ThroughputHistory} every {@value #PERIOD_SECONDS} seconds: what the broker took in, acknowledged
 * and dead-lettered since the last sample (added by one node at a time, the holder of a lease, since nodes share the
 * broker), and a recount of the completions of the minute going on and the one before (a task that finished in a
 * minute's last seconds is counted by the next sample). Nothing here is on a task's path, so a failed sample is logged
 * and the next one tries again.
 */
@Singleton
// Started with the application, not by its timer's first tick, which may fall in an undeploy: see
// ArchitectureTest.everyEjbSingletonStartsWithTheApplication.
@Startup
public class ThroughputSampler {

    /** Seconds between two samples of one node. */
    public static final int PERIOD_SECONDS = 15;

    private static final Logger LOG = Logger.getLogger(ThroughputSampler.class.getName());
    private static final long MINUTE_MS = 60_000;

    @Inject
    BrokerManagement broker;

    @Inject
    ThroughputHistory history;

    @Inject
    NodeLease lease;

    private QueueStats lastTasks;
    private QueueStats lastDeadLetters;
    private boolean failing;

    @Schedule(second = "*/" + PERIOD_SECONDS, minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sample() {
        long now = System.currentTimeMillis();
        try {
            if (lease.acquire(RedisKeys.statsSamplerLease(), Duration.ofSeconds(3L * PERIOD_SECONDS))) {
                sampleBroker(now);
            } else {
                lastTasks = null; // counts again from its own first sample once it holds the lease
            }
            history.recountCompletions(now - MINUTE_MS);
            history.recountCompletions(now);
            failing = false;
        } catch (RuntimeException e) {
            // Once per outage: the health probe, not this log, is where an outage shows.
            LOG.log(failing ? Level.FINE : Level.WARNING, "Throughput sample failed; the next one tries again", e);
            failing = true;
        }
    }

    /**
     * Adds what the broker took in, acknowledged and dead-lettered since this node's last sample. Only the lease
     * holder does: nodes that share one broker would otherwise each add the same growth.
     */
    private void sampleBroker(long now) {
        QueueStats tasks = broker.taskQueue();
        QueueStats deadLetters = broker.deadLetterQueue();
        if (lastTasks != null) {
            history.addBrokerCounts(
                    now,
                    since(lastTasks.messagesAdded(), tasks.messagesAdded()),
                    since(lastTasks.messagesAcknowledged(), tasks.messagesAcknowledged()),
                    since(lastDeadLetters.messagesAdded(), deadLetters.messagesAdded()));
        }
        lastTasks = tasks;
        lastDeadLetters = deadLetters;
    }

    /** Returns how much a counter grew; a counter that went back (its broker restarted) counts from zero. */
    static long since(long before, long now) {
        return now >= before ? now - before : now;
    }
}
