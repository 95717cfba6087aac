package dev.agentqueue.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops a child process of the suite by its PID. */
final class Processes {

    private Processes() {}

    /** Sends SIGTERM to {@code process}, and SIGKILL if it still runs after {@code grace}; waits until it is gone. */
    static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping pid " + process.pid(), e);
        }
    }
}
