package dev.agentqueue.worker;

import dev.agentqueue.contract.ExecutionContract;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one attempt of a contract on the calling worker thread under a timeout. A watchdog interrupts the thread
 * at the deadline; whatever the contract then does, the attempt counts as timed out.
 */
@ApplicationScoped
public class ContractRunner {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int TIMED_OUT = 2;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * Runs the contract and returns its result.
     *
     * @throws TaskTimeoutException when the attempt outlived its timeout
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
        try {
            JsonValue result = contract.execute(task);
            if (!state.compareAndSet(RUNNING, FINISHED)) {
                throw new TaskTimeoutException(timeout, null);
            }
            return result == null ? JsonValue.NULL : result;
        } catch (Exception e) {
            if (!state.compareAndSet(RUNNING, FINISHED)) {
                throw new TaskTimeoutException(timeout, e);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            // Clear an interrupt the watchdog may have delivered, so it cannot hit the JMS or Redis calls that follow.
            Thread.interrupted();
        }
    }
}
