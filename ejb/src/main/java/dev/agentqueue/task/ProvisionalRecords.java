package dev.agentqueue.task;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles the provisional records {@link TaskStore#createAll} writes before an enqueue's send: permanent once the
 * send committed, removed when it rolled back.
 */
@ApplicationScoped
public class ProvisionalRecords {

    private static final LuaScript CONFIRM = LuaScript.load("confirm-task");
    private static final LuaScript DISCARD = LuaScript.load("discard-task");

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
        String window = Long.toString(settings.idempotencyWindow().toSeconds());
        // A lost confirm is harmless: the record expires, and the worker recreates it from the message.
        CONFIRM.runAsync(redis.async(), TaskStore.keysOf(tasks), window, Integer.toString(tasks.size()));
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
