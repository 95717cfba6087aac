package dev.agentqueue.worker;

import dev.agentqueue.task.TaskAttempt;
import dev.agentqueue.task.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs crash suspects alone on this server. A task whose attempts twice never reported back (their servers died
 * during them) may be what kills the servers; if it ran beside other tasks again and killed the server again, those
 * tasks would lose an attempt each time too, and a crash-looping task would take its neighbours to the dead-letter
 * queue with it. So a suspect's attempt starts only when no other attempt runs here, and none starts while it runs:
 * when it crashes the server again, only its own attempt is lost. One abandoned attempt is not enough: a server that
 * is killed or runs out of memory abandons every attempt it runs, and running all of them one by one after every
 * restart would cost more than it saves.
 *
 * <p>Ordinary attempts share the lock and never wait for each other; the lock is fair, so a waiting suspect holds
 * back new attempts until the running ones have finished.
 */
@ApplicationScoped
public class CrashIsolation {

    /** Attempts that never reported back before a task counts as a crash suspect. */
    static final int SUSPECT_AFTER_ABANDONED = 2;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** The right to run one attempt; closing it lets others run. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Tells whether a task whose record is in {@code state} with {@code history} is a crash suspect: it is still
     * {@code RUNNING} at a new delivery (its last attempt never reported back), and with that one at least
     * {@value #SUSPECT_AFTER_ABANDONED} of its attempts were abandoned.
     */
    public static boolean isSuspect(TaskState state, List<TaskAttempt> history) {
        if (state != TaskState.RUNNING || history == null) {
            return false;
        }
        return history.stream().filter(TaskAttempt::unfinished).count() >= SUSPECT_AFTER_ABANDONED;
    }

    /**
     * Waits until the attempt may start: alone when it is a crash {@code suspect}, beside other ordinary attempts
     * otherwise.
     *
     * @throws InterruptedException when the thread is interrupted while it waits (the workers are stopping)
     */
    public Permit enter(boolean suspect) throws InterruptedException {
        Lock held = suspect ? lock.writeLock() : lock.readLock();
        held.lockInterruptibly();
        return held::unlock;
    }
}
