package dev.agentqueue.task;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Settles the provisional records {@link TaskStore#createAll} writes before an enqueue's send: permanent once the
 * send committed (at once, or held back a moment to be confirmed together with others), removed when it rolled back.
 */
@ApplicationScoped
public class ProvisionalRecords {

    private static final LuaScript CONFIRM = LuaScript.load("confirm-task");
    private static final LuaScript DISCARD = LuaScript.load("discard-task");
    private static final Logger LOG = Logger.getLogger(ProvisionalRecords.class.getName());

    /** The most records one held-back confirm settles, and how many held records make an enqueue send them at once. */
    static final int CONFIRM_BATCH = 256;

    private final Queue<Unconfirmed> unconfirmed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();

    @Inject
    RedisGateway redis;

    @Inject
    TaskSettings settings;

    /** Makes a provisional record permanent after its enqueue committed; does not wait for Redis to answer. */
    public void confirm(NewTask task) {
        confirmAll(List.of(task));
    }

    /** Makes the provisional records of a batch permanent in one Redis call; does not wait for Redis to answer. */
    public void confirmAll(List<NewTask> tasks) {
        confirmKeys(tasks.stream().map(Unconfirmed::of).toList());
    }

    /**
     * Makes the provisional records of a committed enqueue permanent within about a second ({@link ConfirmTimer}),
     * in one Redis call with other enqueues' records rather than one call each; does not wait for Redis to answer.
     * Why the wait is safe: a record stays provisional for {@link TaskSettings#provisionalTtl} (minutes), the worker's
     * start makes it permanent anyway, and the reconciler leaves a task alone for longer than the wait; a crash
     * before the call loses the confirms it held, exactly as an unanswered confirm is lost (see {@link #confirmAll}).
     * A batch of {@value #CONFIRM_BATCH} or more is confirmed at once, in its own call.
     */
    public void confirmSoon(List<NewTask> tasks) {
        if (tasks.size() >= CONFIRM_BATCH) {
            // A large batch is a call's worth on its own.
            confirmAll(tasks);
            return;
        }
        tasks.forEach(task -> unconfirmed.add(Unconfirmed.of(task)));
        if (held.addAndGet(tasks.size()) >= CONFIRM_BATCH) {
            confirmHeld();
        }
    }

    /** Confirms every record {@link #confirmSoon} holds, in calls of at most {@value #CONFIRM_BATCH} records. */
    public void confirmHeld() {
        List<Unconfirmed> batch = new ArrayList<>();
        Unconfirmed next;
        while ((next = unconfirmed.poll()) != null) {
            held.decrementAndGet();
            batch.add(next);
            if (batch.size() == CONFIRM_BATCH) {
                confirmKeys(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            confirmKeys(batch);
        }
    }

    /** Confirms what is still held when the application stops, if Redis is still there to take it. */
    @PreDestroy
    void confirmHeldOnShutdown() {
        try {
            confirmHeld();
        } catch (RuntimeException e) {
            LOG.fine(() -> "Held confirms not sent at shutdown; their provisional records expire: " + e.getMessage());
        }
    }

    private void confirmKeys(List<Unconfirmed> records) {
        List<String> keys = new ArrayList<>(records.size() * 2);
        records.forEach(record -> keys.add(record.taskKey()));
        records.stream()
                .map(Unconfirmed::idempotencyKey)
                .filter(Objects::nonNull)
                .forEach(keys::add);
        String window = Long.toString(settings.idempotencyWindow().toSeconds());
        // A lost confirm is harmless: the record expires, and the worker recreates it from the message.
        CONFIRM.runAsync(redis.async(), keys.toArray(String[]::new), window, Integer.toString(records.size()));
    }

    /** The keys a confirm makes permanent: a task's hash and its idempotency key (null when it has none). */
    private record Unconfirmed(String taskKey, String idempotencyKey) {
        static Unconfirmed of(NewTask task) {
            return new Unconfirmed(
                    RedisKeys.task(task.id()),
                    task.idempotencyKey() == null ? null : RedisKeys.idempotency(task.idempotencyKey()));
        }
    }

    /** Removes a provisional record after its enqueue rolled back. */
    public void discard(NewTask task) {
        discardAll(List.of(task));
    }

    /** Removes the provisional records of a batch whose enqueue rolled back, in one Redis call. */
    public void discardAll(List<NewTask> tasks) {
        List<String> args = new ArrayList<>();
        args.add(RedisKeys.stateIndex(TaskState.QUEUED.name()));
        for (NewTask task : tasks) {
            args.add(task.id());
            args.add(RedisKeys.contractIndex(task.contract()));
            args.add(task.agent() == null ? "" : RedisKeys.agentIndex(task.agent()));
            args.add(task.idempotencyKey() == null ? "0" : "1");
        }
        redis.call(r -> DISCARD.runForLong(r, TaskStore.keysOf(tasks), args.toArray(String[]::new)));
    }
}
