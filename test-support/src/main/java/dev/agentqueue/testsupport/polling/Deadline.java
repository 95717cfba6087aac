package dev.agentqueue.testsupport.polling;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it until a deadline; the only way shared test code waits for a server, a queue
 * or a task. A wait given a {@code report} of its readings prints one every ten seconds, so a long wait can be
 * followed in the build log.
 */
public final class Deadline {

    /** How often a plain wait reads its value again. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /**
     * How often a reporting wait reads its value again: such waits are long ones over heavy reads (every task of a
     * run, a server booting), which should not load the server they watch.
     */
    public static final Duration REPORTING_POLL_INTERVAL = Duration.ofMillis(200);

    private static final long REPORT_NANOS = Duration.ofSeconds(10).toNanos();

    private Deadline() {}

    /**
     * Reads {@code value} until {@code done} accepts it and returns that reading.
     *
     * @throws AssertionError naming {@code what} and the last reading when {@code timeout} passes first
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> value, Predicate<T> done) {
        return poll(what, timeout, value, done, String::valueOf, POLL_INTERVAL, false);
    }

    /** Polls {@code condition} until it holds, failing with {@code what} when {@code timeout} passes first. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        poll(what, timeout, condition::getAsBoolean, Boolean::booleanValue, String::valueOf, POLL_INTERVAL, false);
    }

    /**
     * Reads {@code value} until {@code done} accepts it and returns that reading; every ten seconds it prints
     * {@code report} of the latest reading.
     *
     * @throws AssertionError naming {@code what} and the reported last reading when {@code timeout} passes first
     */
    public static <T> T await(
            String what, Duration timeout, Supplier<T> value, Predicate<T> done, Function<T, String> report) {
        return poll(what, timeout, value, done, report, REPORTING_POLL_INTERVAL, true);
    }

    private static <T> T poll(
            String what,
            Duration timeout,
            Supplier<T> value,
            Predicate<T> done,
            Function<T, String> report,
            Duration interval,
            boolean reporting) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + REPORT_NANOS;
        T last = value.get();
        while (!done.test(last)) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + report.apply(last));
            }
            if (reporting && now > nextReport) {
                System.out.printf(
                        "[%s] waiting for %s (%d s): %s%n",
                        LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
                        what,
                        (now - start) / 1_000_000_000L,
                        report.apply(last));
                System.out.flush();
                nextReport = now + REPORT_NANOS;
            }
            pause(interval);
            last = value.get();
        }
        return last;
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis()); // the interval of a deadline-bounded poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
