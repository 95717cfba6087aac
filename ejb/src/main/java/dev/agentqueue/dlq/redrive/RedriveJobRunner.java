package dev.agentqueue.dlq.redrive;

import dev.agentqueue.dlq.DeadLetterQueue;
import dev.agentqueue.redis.NodeLease;
import dev.agentqueue.redis.RedisKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the redrive jobs on one node at a time: every second, the node holding the runner's lease advances each
 * active job by one {@link RedriveJobStep}, and runs the standing orders to redrive when a breaker closes. It first
 * takes on letters a redrive or purge moved aside but did not finish with, because its node stopped. A node
 * that dies lets its lease lapse, and another node takes the jobs on where Redis says they are.
 */
@Singleton
@Startup
public class RedriveJobRunner {

    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration LEASE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(RedriveJobRunner.class.getName());

    @Inject
    RedriveJobStore jobs;

    @Inject
    RedriveJobStep step;

    @Inject
    BreakerRedrives breakerRedrives;

    @Inject
    NodeLease lease;

    @Inject
    DeadLetterQueue dlq;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        next();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            if (lease.acquire(RedisKeys.redriveJobLease(), LEASE)) {
                dlq.finishStaged();
                breakerRedrives.check();
                for (String id : jobs.active()) {
                    advance(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redrive jobs could not be advanced; the next tick tries again", e);
        } finally {
            // One tick after another, never overlapping: a step may redrive for a few seconds.
            next();
        }
    }

    private void advance(String id) {
        try {
            step.advance(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redrive job " + id + " could not be advanced; the next tick tries again", e);
        }
    }

    private void next() {
        timers.createSingleActionTimer(TICK.toMillis(), new TimerConfig("dlq-redrive-jobs", false));
    }
}
