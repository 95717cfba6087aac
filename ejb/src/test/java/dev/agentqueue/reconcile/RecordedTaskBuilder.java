package dev.agentqueue.reconcile;

import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskFields;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskState;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.Map;

/** Test data: {@code aRecordedTask().running().startedAt(t).build()}, a record as the reconciler reads it. */
final class RecordedTaskBuilder {

    private final Map<String, String> hash = new HashMap<>();
    private long enteredAt;

    private RecordedTaskBuilder() {
        hash.put(TaskFields.ID, TaskIds.next());
        hash.put(TaskFields.CONTRACT, "agentqueue.job.v1");
        hash.put(TaskFields.PAYLOAD, "{\"job_type\":\"echo\",\"arguments\":{}}");
        hash.put(TaskFields.PRIORITY, "7");
        hash.put(TaskFields.STATE, TaskState.QUEUED.name());
        hash.put(TaskFields.ATTEMPT, "0");
        hash.put(TaskFields.MAX_ATTEMPTS, "5");
        hash.put(TaskFields.TIMEOUT_MS, "60000");
        hash.put(TaskFields.CREATED_AT, "1000");
        enteredAt = 1000;
    }

    static RecordedTaskBuilder aRecordedTask() {
        return new RecordedTaskBuilder();
    }

    /** A task queued at {@code at}. */
    RecordedTaskBuilder queuedAt(long at) {
        hash.put(TaskFields.STATE, TaskState.QUEUED.name());
        hash.put(TaskFields.CREATED_AT, Long.toString(at));
        enteredAt = at;
        return this;
    }

    /** A task whose attempt {@code attempt} started at {@code at}. */
    RecordedTaskBuilder runningSince(long at, int attempt) {
        hash.put(TaskFields.STATE, TaskState.RUNNING.name());
        hash.put(TaskFields.ATTEMPT, Integer.toString(attempt));
        hash.put(TaskFields.STARTED_AT, Long.toString(at));
        enteredAt = at;
        return this;
    }

    /** A task whose attempt {@code attempt} failed at {@code at}, to be tried again at {@code next}. */
    RecordedTaskBuilder failedAt(long at, int attempt, long next) {
        hash.put(TaskFields.STATE, TaskState.FAILED.name());
        hash.put(TaskFields.ATTEMPT, Integer.toString(attempt));
        hash.put(TaskFields.NEXT_ATTEMPT_AT, Long.toString(next));
        enteredAt = at;
        return this;
    }

    RecordedTaskBuilder inState(TaskState state) {
        hash.put(TaskFields.STATE, state.name());
        return this;
    }

    RecordedTaskBuilder withTimeout(long ms) {
        hash.put(TaskFields.TIMEOUT_MS, Long.toString(ms));
        return this;
    }

    RecordedTaskBuilder dueAt(long at) {
        hash.put(TaskFields.NEXT_ATTEMPT_AT, Long.toString(at));
        return this;
    }

    RecordedTaskBuilder leaseUntil(long at) {
        hash.put(TaskFields.LEASE_UNTIL, Long.toString(at));
        return this;
    }

    RecordedTaskBuilder recovered(long at, int times) {
        hash.put(TaskFields.RECOVERED_AT, Long.toString(at));
        hash.put(TaskFields.RECOVERIES, Integer.toString(times));
        return this;
    }

    /** A task that is step {@code step} of flow {@code flowId}. */
    RecordedTaskBuilder stepOf(String flowId, String step) {
        hash.put(TaskFields.FLOW_ID, flowId);
        hash.put(TaskFields.FLOW_STEP, step);
        return this;
    }

    /** Writes the record and its state-index entry into Redis, as the task store would have. */
    RecordedTask writeTo(RedisCommands<String, String> redis) {
        RecordedTask task = build();
        redis.hset(RedisKeys.task(task.task().id()), hash);
        redis.zadd(
                RedisKeys.stateIndex(task.task().state().name()),
                enteredAt,
                task.task().id());
        return task;
    }

    RecordedTask build() {
        return RecordedTask.of(hash, enteredAt);
    }
}
