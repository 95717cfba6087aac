package dev.agentqueue.api.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per client address and refuses further logins from an address that failed too often, until
 * its window has passed. It replaces a lockout per user, which anyone who knows a user name can trigger against that
 * user: here a stranger can only shut out the address it guesses from. Memory is bounded: at most
 * {@code maxTracked} addresses are counted at once, windows that have passed are dropped first, and an address that
 * finds the table full is not counted (a caller with that many addresses could as well rotate them).
 */
public final class LoginThrottle {

    public static final int DEFAULT_MAX_FAILURES = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_TRACKED = 50_000;

    /** The failures of one address since its window opened. */
    private record Window(long openedAtNanos, int failures) {}

    private final int maxFailures;
    private final long windowNanos;
    private final int maxTracked;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * Creates a throttle that allows {@code maxFailures} failed logins per address within {@code window} (0 turns it
     * off), tracking at most {@code maxTracked} addresses, on the clock {@code nanoClock} ({@link System#nanoTime}).
     */
    public LoginThrottle(int maxFailures, Duration window, int maxTracked, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.maxTracked = maxTracked;
        this.nanoClock = nanoClock;
    }

    /** Returns how long logins from {@code client} stay refused, or empty when it may try to log in. */
    public Optional<Duration> refusal(String client) {
        if (maxFailures <= 0) {
            return Optional.empty();
        }
        Window window = windows.get(client);
        long now = nanoClock.getAsLong();
        if (window == null || window.failures() < maxFailures || passed(window, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.openedAtNanos() + windowNanos - now));
    }

    /** Counts a failed login from {@code client}; returns true when this failure used up its allowance. */
    public boolean failed(String client) {
        if (maxFailures <= 0) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (!windows.containsKey(client) && windows.size() >= maxTracked) {
            windows.values().removeIf(window -> passed(window, now));
            if (windows.size() >= maxTracked) {
                return false;
            }
        }
        Window counted = windows.merge(
                client,
                new Window(now, 1),
                (old, first) -> passed(old, now) ? first : new Window(old.openedAtNanos(), old.failures() + 1));
        return counted.failures() == maxFailures;
    }

    /** Returns how many addresses are counted now. */
    int tracked() {
        return windows.size();
    }

    private boolean passed(Window window, long now) {
        return now - window.openedAtNanos() >= windowNanos;
    }
}
