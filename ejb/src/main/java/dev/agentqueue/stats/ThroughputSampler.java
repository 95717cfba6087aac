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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fills the {@link ThroughputHistory} every {@value #PERIOD_SECONDS} seconds: what the broker took in, acknowledged
 * and dead-lettered since the last sample (added by one node at a time, the holder of a lease, since nodes share the
 * broker), and a recount of the completions of every minute still open: the one going on, the one before (a task that
 * finished in a minute's last seconds is counted by the next sample), and any a failed or skipped sample left behind,
 * up to {@value #CATCH_UP_MINUTES} minutes back. Nothing here is on a task's path, so a failed part is logged and the
 * next sample makes it good; the two parts fail apart, since one needs the broker and the other only Redis.
 */
@Singleton
// Started with the application, not by its timer's first tick, which may fall in an undeploy: see
// ArchitectureTest.everyEjbSingletonStartsWithTheApplication.
@Startup
public class ThroughputSampler {

    /** Seconds between two samples of one node. */
    public static final int PERIOD_SECONDS = 15;

    /** The most minutes one sample recounts, the current one included, after samples failed or were skipped. */
    static final int CATCH_UP_MINUTES = 10;

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
    /** The start of the oldest minute whose completions may still change, or -1 before the first recount. */
    private long openFrom = -1;

    private String brokerFailure;
    private String recountFailure;

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
            brokerFailure = recovered("broker counts", brokerFailure);
        } catch (RuntimeException e) {
            brokerFailure = failed("broker counts", brokerFailure, e);
        }
        try {
            for (long minute : minutesToRecount(openFrom, now)) {
                history.recountCompletions(minute);
            }
            openFrom = ThroughputHistory.minuteOf(now) - MINUTE_MS;
            recountFailure = recovered("completion recount", recountFailure);
        } catch (RuntimeException e) {
            recountFailure = failed("completion recount", recountFailure, e);
        }
    }

    /**
     * Returns the starts of the minutes a sample at {@code now} recounts, oldest first: from {@code openFrom} (or the
     * minute before, on the first sample) to the current minute, reaching back at most {@value #CATCH_UP_MINUTES}
     * minutes.
     */
    static List<Long> minutesToRecount(long openFrom, long now) {
        long current = ThroughputHistory.minuteOf(now);
        long oldest = Math.max(
                openFrom < 0 ? current - MINUTE_MS : ThroughputHistory.minuteOf(openFrom),
                current - (CATCH_UP_MINUTES - 1) * MINUTE_MS);
        List<Long> minutes = new ArrayList<>();
        for (long minute = oldest; minute <= current; minute += MINUTE_MS) {
            minutes.add(minute);
        }
        return minutes;
    }

    /**
     * Logs a failure at WARNING when it is new or differs from the last one, else at FINE (the health probe, not this
     * log, is where an outage shows); returns its text.
     */
    private static String failed(String part, String previous, RuntimeException e) {
        String failure = e.getClass().getName() + ": " + e.getMessage();
        LOG.log(
                failure.equals(previous) ? Level.FINE : Level.WARNING,
                "Throughput sample: the " + part + " failed; the next sample tries again",
                e);
        return failure;
    }

    private static String recovered(String part, String previous) {
        if (previous != null) {
            LOG.info(() -> "Throughput sample: the " + part + " works again");
        }
        return null;
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
