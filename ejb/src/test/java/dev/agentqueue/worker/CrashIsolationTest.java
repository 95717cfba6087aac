package dev.agentqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.task.TaskAttempt;
import dev.agentqueue.task.TaskState;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CrashIsolationTest {

    @Test
    void aTaskIsASuspectWhenItsSecondAttemptInARowNeverReportedBack() {
        assertThat(CrashIsolation.isSuspect(TaskState.RUNNING, history(open(1))))
                .isFalse();
        assertThat(CrashIsolation.isSuspect(TaskState.RUNNING, history(ended(1, "ABANDONED"), open(2))))
                .isTrue();
        assertThat(CrashIsolation.isSuspect(TaskState.RUNNING, history(ended(1, "FAILED"), open(2))))
                .isFalse();
        // Only a record still RUNNING has an attempt that did not report back.
        assertThat(CrashIsolation.isSuspect(TaskState.FAILED, history(ended(1, "ABANDONED"), ended(2, "FAILED"))))
                .isFalse();
        assertThat(CrashIsolation.isSuspect(TaskState.RUNNING, null)).isFalse();
    }

    @Test
    void aSuspectWaitsForRunningAttemptsAndHoldsBackNewOnes() throws Exception {
        CrashIsolation isolation = new CrashIsolation();
        CrashIsolation.Permit running = isolation.enter(false);
        // Ordinary attempts run side by side.
        isolation.enter(false).close();

        CountDownLatch suspectRuns = new CountDownLatch(1);
        CountDownLatch suspectMayEnd = new CountDownLatch(1);
        Thread suspect = start(() -> {
            try (CrashIsolation.Permit alone = isolation.enter(true)) {
                suspectRuns.countDown();
                suspectMayEnd.await();
            }
        });
        awaitBlocked(suspect);
        assertThat(suspectRuns.getCount())
                .as("the suspect started beside a running attempt")
                .isEqualTo(1);

        running.close();
        assertThat(suspectRuns.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch laterRuns = new CountDownLatch(1);
        Thread later = start(() -> {
            try (CrashIsolation.Permit shared = isolation.enter(false)) {
                laterRuns.countDown();
            }
        });
        awaitBlocked(later);
        assertThat(laterRuns.getCount())
                .as("an attempt started beside the suspect")
                .isEqualTo(1);

        suspectMayEnd.countDown();
        assertThat(laterRuns.await(10, TimeUnit.SECONDS)).isTrue();
        suspect.join();
        later.join();
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private static Thread start(Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    /** Waits until {@code thread} is parked: in these tests, on the isolation lock. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime() - deadline).as("thread never blocked").isNegative();
            Thread.onSpinWait();
        }
    }

    private static List<TaskAttempt> history(TaskAttempt... entries) {
        return List.of(entries);
    }

    private static TaskAttempt open(int attempt) {
        return new TaskAttempt(attempt, null, 1L, null, null, null, null, null, null);
    }

    private static TaskAttempt ended(int attempt, String outcome) {
        return new TaskAttempt(attempt, null, 1L, 2L, outcome, null, null, null, null);
    }
}
