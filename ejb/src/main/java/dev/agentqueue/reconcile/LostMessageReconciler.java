package dev.agentqueue.reconcile;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.redis.NodeLease;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskLog;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Re-sends the messages the broker lost: every {@code agentqueue.reconcile.interval}, the node holding the
 * reconciliation lease finds tasks overdue by more than {@code agentqueue.reconcile.grace} ({@link OverdueTasks}),
 * asks the broker once which of them still have a message ({@link MessagePresence}), and for each that has none
 * records it {@code RECOVERED} and sends its message again from the record (a flow step's labelled with its flow and
 * step), with the broker's duplicate detection making a second copy of the same re-send a no-op. That look walks the
 * whole task queue, so it is taken only while the queue holds at most {@code agentqueue.reconcile.max-browse-depth}
 * messages; deeper, the pass leaves its overdue tasks for a later one ({@link BrokerLook} argues why). One log line per
 * pass.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LostMessageReconciler {

    private static final Logger LOG = Logger.getLogger(LostMessageReconciler.class.getName());
    /** The first pass waits for the deployment, and the broker's own recovery, to finish starting. */
    private static final Duration FIRST_PASS_DELAY = Duration.ofSeconds(10);

    @Inject
    ReconcileSettings settings;

    @Inject
    NodeLease lease;

    @Inject
    OverdueTasks overdueTasks;

    @Inject
    MessagePresence presence;

    @Inject
    BrokerManagement broker;

    @Inject
    TaskStore store;

    @Inject
    TaskQueue producer;

    @Resource
    TimerService timers;

    private final AtomicBoolean passing = new AtomicBoolean();
    private volatile ReconcileStatus status;

    @PostConstruct
    void schedule() {
        Duration every = settings.interval();
        status = ReconcileStatus.initial(!every.isZero(), every, settings.grace(), settings.maxBrowseDepth());
        if (every.isZero()) {
            LOG.info("Lost-message reconciliation is off (agentqueue.reconcile.interval=0)");
            return;
        }
        long first = Math.min(FIRST_PASS_DELAY.toMillis(), every.toMillis());
        timers.createIntervalTimer(first, every.toMillis(), new TimerConfig("lost-message-reconciliation", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        if (!passing.compareAndSet(false, true)) {
            return; // the previous pass is still running
        }
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Lost-message reconciliation failed; the next pass tries again", e);
        } finally {
            passing.set(false);
        }
    }

    /** Returns what this node's reconciler has done so far. */
    public ReconcileStatus status() {
        return status;
    }

    private void pass() {
        long started = System.nanoTime();
        long now = System.currentTimeMillis();
        Duration every = settings.interval();
        // Three intervals: one missed renewal does not hand the lease over; a dead leader's lapses soon enough.
        if (!lease.acquire(RedisKeys.reconcileLease(), every.multipliedBy(3))) {
            status = status.follower(Instant.now());
            return;
        }
        Duration grace = settings.grace();
        // Counted from the indexes alone first: a pass that will not look in the broker reads no record either.
        long waiting = overdueTasks.waitingLongerThan(now, grace);
        BrokerLook look = BrokerLook.decide(waiting, broker::taskQueueDepth, settings.maxBrowseDepth());
        if (look instanceof BrokerLook.Defer defer) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            status = status.deferred(Instant.now(), took, waiting, defer.reason());
            LOG.info(() -> "Lost-message reconciliation: " + waiting
                    + " tasks in their state for longer than the grace, not checked: " + defer.reason() + "; in "
                    + took.toMillis() + " ms (grace " + grace + ")");
            return;
        }
        OverdueTasks.Scan scan = look instanceof BrokerLook.NothingOverdue
                ? new OverdueTasks.Scan(0, List.of())
                : overdueTasks.find(now, grace, settings.batch(), settings.scanLimit());
        Set<String> overdue = scan.overdue().stream().map(t -> t.task().id()).collect(Collectors.toSet());
        Set<String> present = presence.withMessages(overdue);
        int recovered = 0;
        for (RecordedTask task : scan.overdue()) {
            if (!present.contains(task.task().id()) && recover(task, now)) {
                recovered++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        status = status.after(Instant.now(), took, scan.checked(), recovered);
        int found = recovered;
        String depth = look instanceof BrokerLook.Browse browse ? ", task queue depth " + browse.depth() : "";
        LOG.info(() -> "Lost-message reconciliation: checked " + scan.checked() + " task records, "
                + overdue.size() + " overdue, " + present.size() + " of them with a message, " + found
                + " re-sent, in " + took.toMillis() + " ms (grace " + grace + depth + ")");
    }

    /** Records the task RECOVERED and sends its message again; tells whether it did. */
    private boolean recover(RecordedTask recorded, long now) {
        TaskSnapshot task = recorded.task();
        TransitionOutcome outcome =
                store.recover(task.id(), task.state(), task.attempt(), recorded.recoveries() + 1, now);
        if (!outcome.applied()) {
            return false; // a worker moved it on meanwhile
        }
        try {
            producer.resend(
                    recorded.asNewTask(),
                    recorded.remainingDelay(now),
                    task.attempt(),
                    recorded.duplicateId(),
                    recorded.labels());
        } catch (RuntimeException e) {
            // The record says QUEUED since now: a later pass finds it overdue again and re-sends it then.
            LOG.log(
                    Level.WARNING,
                    TaskLog.of(task.id(), task.contract())
                            + " was recorded RECOVERED but its message could not be sent; a later pass retries",
                    e);
            return false;
        }
        LOG.warning(() -> TaskLog.of(task.id(), task.contract(), task.attempt()) + " was " + task.state()
                + " with no message in the broker; its message was sent again");
        return true;
    }
}
