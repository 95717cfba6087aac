package dev.agentqueue.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The attempts this deployment's workers are running, so that a shutdown can let them finish within a grace period
 * and interrupt the rest. Once {@link #drain} has begun, {@link #stopping()} tells workers not to start new attempts
 * and not to hold the failure of an interrupted one against its task.
 */
@ApplicationScoped
public class InFlightAttempts {

    private static final Logger LOG = Logger.getLogger(InFlightAttempts.class.getName());

    /** Longest wait, after the grace period, for interrupted deliveries to put their tasks back on the queue. */
    static final Duration SETTLE_AFTER_INTERRUPT = Duration.ofSeconds(5);

    private final Set<Runnable> interrupters = ConcurrentHashMap.newKeySet();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean stopping;

    /**
     * Registers a running attempt until its registration is closed. {@code interrupter} stops it if it outlives the
     * grace period of a shutdown.
     */
    Registration register(Runnable interrupter) {
        interrupters.add(interrupter);
        return () -> {
            interrupters.remove(interrupter);
            wakeDrain();
        };
    }

    /** Counts a delivery in progress, from its arrival until its transaction's outcome is decided. */
    void deliveryStarted() {
        deliveries.incrementAndGet();
    }

    /** Ends the count of one delivery. */
    void deliveryEnded() {
        deliveries.decrementAndGet();
        wakeDrain();
    }

    /**
     * Wakes a running {@link #drain}. Only a stopping deployment takes the lock: every delivery passes here. A drain
     * that checked its condition before this change saw {@code stopping} set first, so the check here sees it too.
     */
    private void wakeDrain() {
        if (stopping) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Tells whether the workers are shutting down. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Stops new attempts, waits up to {@code grace} for the running ones to finish, then interrupts those still
     * running. Returns the number interrupted.
     */
    public int drain(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        int running = interrupters.size();
        LOG.info(
                () -> "Workers stopping: " + running + " attempts in flight, grace period " + grace.toMillis() + " ms");
        awaitUntil(interrupters::isEmpty, deadline);
        Set<Runnable> late = Set.copyOf(interrupters);
        late.forEach(Runnable::run);
        if (!late.isEmpty()) {
            LOG.warning(() -> late.size() + " attempts outlived the shutdown grace period of " + grace.toMillis()
                    + " ms; interrupted, they go back to the queue without using an attempt");
            awaitUntil(() -> deliveries.get() == 0, System.nanoTime() + SETTLE_AFTER_INTERRUPT.toNanos());
        }
        return late.size();
    }

    private void awaitUntil(BooleanSupplier done, long deadline) {
        synchronized (lock) {
            long left;
            while (!done.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Ends the registration of one attempt. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
