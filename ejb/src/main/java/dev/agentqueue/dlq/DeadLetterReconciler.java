package dev.agentqueue.dlq;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.redis.NodeLease;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.Durations;
import dev.agentqueue.task.DeliveryExhaustion;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps task records in step with dead letters the broker moved itself: shortly after startup and then every
 * {@code agentqueue.dlq.reconcile-interval}, it looks for dead letters without an error and has
 * {@link DeadLetterMover#reconcileOne} record their tasks as DEAD_LETTER (see {@link DeliveryExhaustion}). Then one
 * node checks the {@link DeadLetterTally} against the queue's depth, and recounts it when it has drifted.
 */
@Singleton
@Startup
public class DeadLetterReconciler {

    public static final String DEFAULT_INTERVAL = "20s";

    private static final Logger LOG = Logger.getLogger(DeadLetterReconciler.class.getName());
    /** The first pass waits for the deployment to finish starting. */
    private static final Duration FIRST_PASS_DELAY = Duration.ofSeconds(5);
    /** A message the broker moved itself lacks the error agentqueue attaches. */
    private static final String UNLABELLED = MessageProperties.ERROR_TYPE + " IS NULL";

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.reconcile-interval", defaultValue = DEFAULT_INTERVAL)
    String interval;

    @Inject
    DeadLetterMover mover;

    @Inject
    BrokerManagement broker;

    @Inject
    DeadLetterTally tally;

    @Inject
    NodeLease lease;

    @Resource
    TimerService timers;

    private final TallyDrift drift = new TallyDrift();
    private Duration every;

    @PostConstruct
    void schedule() {
        every = Durations.parse(interval);
        if (every.isZero()) {
            LOG.info("Dead-letter reconciliation is off (agentqueue.dlq.reconcile-interval=0)");
            return;
        }
        timers.createIntervalTimer(
                FIRST_PASS_DELAY.toMillis(), every.toMillis(), new TimerConfig("dlq-reconciliation", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            reconcile();
            checkTally();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Dead-letter reconciliation failed; the next pass tries again", e);
        }
    }

    /** On the node holding the tally lease, recounts the dead-letter tally if it has drifted from the queue. */
    void checkTally() {
        if (!lease.acquire(RedisKeys.deadLetterTallyLease(), every.multipliedBy(3))) {
            return;
        }
        if (broker.staged() > 0) {
            return; // letters moved aside by a redrive or purge are still counted, though not in the queue
        }
        long depth = broker.deadLetterQueue().messageCount();
        long counted = tally.total();
        if (drift.recountNeeded(counted, depth)) {
            long recounted = recountTally(depth);
            LOG.warning(() -> "The dead-letter tally counted " + counted + " letters, the queue holds " + depth
                    + (recounted == depth
                            ? "; recounted from the broker"
                            : "; a recount saw " + recounted
                                    + " (a browse of a paging queue can end early) and was not kept"));
        }
    }

    /**
     * Counts the dead-letter queue afresh by streaming it once and, when the count matches the broker's depth
     * {@code depth} (read before, and again after), replaces the tally with it; returns the number counted. Memory
     * grows with the number of groups, not of letters.
     */
    public long recountTally(long depth) {
        TallyRecount recount = new TallyRecount();
        mover.forEach(null, recount::add);
        if (recount.total() == depth && broker.deadLetterQueue().messageCount() == depth) {
            tally.replace(recount);
        }
        return recount.total();
    }

    /** Reconciles every dead letter the broker moved itself and returns how many were acted on, by action. */
    public Map<DeliveryExhaustion.Action, Integer> reconcile() {
        Map<DeliveryExhaustion.Action, Integer> done = new EnumMap<>(DeliveryExhaustion.Action.class);
        int maxAttempts = broker.freshRedelivery().maxDeliveryAttempts();
        for (DeadLetter letter : mover.browse(UNLABELLED)) {
            if (letter.taskId() == null) {
                continue; // not a task message: nothing to reconcile
            }
            DeliveryExhaustion.Action action = mover.reconcileOne(letter.taskId(), maxAttempts, broker.taskAddress());
            done.merge(action, 1, Integer::sum);
            if (action != DeliveryExhaustion.Action.NONE) {
                LOG.warning(() -> "Task(id=" + letter.taskId() + ") was dead-lettered by the broker without a"
                        + " recorded outcome; recorded as DEAD_LETTER (" + action + ")");
            }
        }
        return done;
    }
}
