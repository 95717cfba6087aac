package dev.agentqueue.worker;

import dev.agentqueue.contract.ExecutionContract;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one attempt of a contract on the calling worker thread under a timeout. A watchdog interrupts the thread
 * at the deadline; whatever the contract then does, the attempt counts as timed out. A shutdown may interrupt it
 * too ({@link InFlightAttempts}); then, or when it fails while the workers stop, the attempt does not count at all.
 */
@ApplicationScoped
public class ContractRunner {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int TIMED_OUT = 2;
    private static final int STOPPED = 3;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    InFlightAttempts inFlight;

    /**
     * Runs the contract and returns its result.
     *
     * @throws TaskTimeoutException when the attempt outlived its timeout
     * @throws WorkerStoppingException when a shutdown interrupted the attempt, or it failed while the workers stop
     * @throws Exception whatever the contract threw
     */
    JsonValue run(ExecutionContract contract, RunningTask task, Duration timeout) throws Exception {
        Thread worker = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(RUNNING);
        ScheduledFuture<?> watchdog = scheduler.schedule(
                () -> {
                    if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                        worker.interrupt();
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        InFlightAttempts.Registration registration = inFlight.register(() -> {
            if (state.compareAndSet(RUNNING, STOPPED)) {
                worker.interrupt();
            }
        });
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
            registration.close();
            watchdog.cancel(false);
            // Clear an interrupt the watchdog may have delivered, so it cannot hit the JMS or Redis calls that follow.
            Thread.interrupted();
        }
    }

    private static Exception interrupted(int state, Duration timeout, Exception cause) {
        return state == STOPPED ? new WorkerStoppingException(cause) : new TaskTimeoutException(timeout, cause);
    }
}
