package dev.agentqueue.webhook;

import java.time.Duration;

/** The waits between the tries of a webhook: the first retry delay, doubled for each try after, up to a cap. */
public final class RetryDelays {

    private RetryDelays() {}

    /** Returns the wait before try {@code attempt} (2 or later): {@code first}, doubled per try after, at most {@code max}. */
    public static Duration before(int attempt, Duration first, Duration max) {
        Duration doubled = first.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 2)));
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
