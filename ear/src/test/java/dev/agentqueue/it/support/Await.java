package dev.agentqueue.it.support;

import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the only way tests wait for asynchronous work. */
public final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {}

    /**
     * Reads {@code value} until {@code done} accepts it and returns that reading.
     *
     * @throws AssertionError naming {@code what} and the last reading when the deadline passes
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Timed out after " + timeout.toMillis() + " ms waiting for " + what + "; last seen: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    /** Waits until task {@code id}'s record in {@code store} is settled and returns it. */
    public static TaskSnapshot settled(TaskStore store, String id, Duration timeout) {
        return until(
                        "task " + id + " to settle",
                        timeout,
                        () -> store.find(id),
                        t -> t.isPresent() && t.get().state().isSettled())
                .orElseThrow();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS); // the polling interval of a deadline-bounded wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
