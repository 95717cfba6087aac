package dev.agentqueue.reliability;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it until a deadline, reporting what it sees every few seconds. The only way the
 * suite waits for a server, a queue or a task.
 */
final class Deadline {

    private static final long POLL_MILLIS = 200;
    private static final long REPORT_NANOS = Duration.ofSeconds(10).toNanos();

    private Deadline() {}

    /**
     * Reads {@code value} until {@code done} accepts it and returns that reading; every ten seconds it prints
     * {@code report} of the latest reading.
     *
     * @throws AssertionError naming {@code what} and the last reading when {@code timeout} passes first
     */
    static <T> T await(
            String what, Duration timeout, Supplier<T> value, Predicate<T> done, Function<T, String> report) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + REPORT_NANOS;
        T last = value.get();
        while (!done.test(last)) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + report.apply(last));
            }
            if (now > nextReport) {
                Progress.say("waiting for %s (%d s): %s", what, (now - start) / 1_000_000_000L, report.apply(last));
                nextReport = now + REPORT_NANOS;
            }
            pause();
            last = value.get();
        }
        return last;
    }

    /** Polls {@code condition} until it holds. */
    static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        await(what, timeout, condition, Boolean::booleanValue, String::valueOf);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS); // the interval of a deadline-bounded poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
