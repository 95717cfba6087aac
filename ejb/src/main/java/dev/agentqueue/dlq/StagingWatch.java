package dev.agentqueue.dlq;

import java.time.Duration;

/**
 * Decides when letters in the staging queues were abandoned by the redrive or purge that moved them there (its node
 * stopped between the broker's move and its commit): when some are there and their number has not changed for a
 * while. A redrive or purge under way takes its batch on within moments, so a number standing still means nobody
 * will; taking letters from an operation still running would only split its count.
 */
final class StagingWatch {

    /** How long the staging queues must hold the same number of letters before they count as abandoned. */
    static final Duration QUIET = Duration.ofSeconds(30);

    private long lastStaged;
    private long unchangedSince;

    /** Tells, given the number of staged letters at {@code nowMillis}, whether they are abandoned. */
    synchronized boolean abandoned(long staged, long nowMillis) {
        if (staged != lastStaged) {
            lastStaged = staged;
            unchangedSince = nowMillis;
            return false;
        }
        return staged > 0 && nowMillis - unchangedSince >= QUIET.toMillis();
    }
}
