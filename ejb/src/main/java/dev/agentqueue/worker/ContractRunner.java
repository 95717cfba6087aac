package dev.agentqueue.worker;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.metrics.TaskMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one attempt of a contract on the calling worker thread under a timeout. One watchdog, a periodic check every
 * {@value #WATCHDOG_PERIOD_MS} ms, interrupts the thread of each attempt past the end of its lease (its deadline, which
 * heartbeats move forward); whatever the contract then
 * does, the attempt counts as timed out. Every attempt is counted and timed ({@link TaskMetrics}). A shutdown may interrupt it too ({@link InFlightAttempts}); then, or when it
 * fails while the workers stop, the attempt does not count at all.
 *
 * <p>One shared watchdog rather than a timer per attempt: a cancelled timer stays in the executor's queue until its
 * deadline, so at a thousand tasks a second with the default 5-minute timeout there would be 300,000 of them.
 */
@ApplicationScoped
public class ContractRunner {

    /** How often the watchdog looks for attempts past their deadline; a timeout fires at most this much late. */
    static final long WATCHDOG_PERIOD_MS = 50;

    private static final Logger LOG = Logger.getLogger(ContractRunner.class.getName());

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int TIMED_OUT = 2;
    private static final int STOPPED = 3;

    /**
     * Makes the watchdog's thread. Not the server's {@code ManagedScheduledExecutorService}: while the server is
     * suspended (a graceful shutdown, or an operator's suspend) it refuses most of that executor's periodic runs and
     * logs an error with a stack trace for each, hundreds a minute at this period, and the attempts still running
     * need their timeouts all the same.
     */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    InFlightAttempts inFlight;

    @Inject
    TaskMetrics metrics;

    private final Set<Attempt> attempts = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;

    /** One running attempt: its thread, its timeout lease and how it ended. */
    private record Attempt(Thread thread, AttemptLease lease, AtomicInteger state) {

        /** Interrupts the attempt's thread unless it has ended already. */
        void end(int reason) {
            synchronized (this) {
                if (state.compareAndSet(RUNNING, reason)) {
                    thread.interrupt();
                }
            }
        }

        /** Clears an interrupt {@link #end} delivered, waiting for one that is being delivered right now. */
        void clearInterrupt() {
            synchronized (this) {
                Thread.interrupted();
            }
        }
    }

    @PostConstruct
    void startWatchdog() {
        watchdog = Executors.newSingleThreadScheduledExecutor(threads);
        watchdog.scheduleAtFixedRate(
                this::interruptOverdue, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    /**
     * Runs the contract and returns its result.
     *
     * @throws TaskTimeoutException when the attempt outlived its timeout
     * @throws WorkerStoppingException when a shutdown interrupted the attempt, or it failed while the workers stop
     * @throws Exception whatever the contract threw
     */
    JsonValue run(ExecutionContract contract, RunningTask task, Duration timeout) throws Exception {
        Attempt attempt = new Attempt(Thread.currentThread(), task.lease(), new AtomicInteger(RUNNING));
        AtomicInteger state = attempt.state();
        attempts.add(attempt);
        InFlightAttempts.Registration registration = inFlight.register(() -> attempt.end(STOPPED));
        String agent = task.agent().map(AgentDefinition::name).orElse(null);
        metrics.started(contract.id(), agent);
        long began = System.nanoTime();
        try {
            JsonValue result = contract.execute(task);
            // A result that arrives although a shutdown interrupted the attempt is still a result: keep it.
            if (!state.compareAndSet(RUNNING, FINISHED) && state.get() == TIMED_OUT) {
                throw new TaskTimeoutException(timeout, null);
            }
            return result == null ? JsonValue.NULL : result;
        } catch (Exception e) {
            if (!state.compareAndSet(RUNNING, FINISHED)) {
                throw interrupted(state.get(), timeout, e);
            }
            if (inFlight.stopping()) {
                // The container may interrupt workers or close resources under a stopping application.
                throw new WorkerStoppingException(e);
            }
            throw e;
        } finally {
            metrics.attemptEnded(contract.id(), agent, Duration.ofNanos(System.nanoTime() - began));
            registration.close();
            attempts.remove(attempt);
            // Clear an interrupt the watchdog may have delivered, so it cannot hit the JMS or Redis calls that follow.
            attempt.clearInterrupt();
        }
    }

    private void interruptOverdue() {
        try {
            long now = System.nanoTime();
            for (Attempt attempt : attempts) {
                if (attempt.lease().endedAt(now)) {
                    attempt.end(TIMED_OUT);
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: keep the watchdog alive whatever happens.
            LOG.log(Level.WARNING, "Task watchdog pass failed; the next one runs as planned", e);
        }
    }

    private static Exception interrupted(int state, Duration timeout, Exception cause) {
        return state == STOPPED ? new WorkerStoppingException(cause) : new TaskTimeoutException(timeout, cause);
    }
}
