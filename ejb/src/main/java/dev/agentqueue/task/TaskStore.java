package dev.agentqueue.task;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskTransition.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Task records in Redis. Every write is one Lua script, so each transition is atomic and checked against
 * {@link TaskState}'s table and the caller's attempt number: a stale worker can never overwrite a newer attempt.
 */
@ApplicationScoped
public class TaskStore {

    private static final LuaScript CREATE = LuaScript.load("create-task");
    private static final LuaScript TRANSITION = LuaScript.load("transition");
    private static final LuaScript DEFER = LuaScript.load("defer-task");

    @Inject
    RedisGateway redis;

    @Inject
    TaskSettings settings;

    /**
     * Writes a new record unless its idempotency key already names a task. A {@code provisional} record expires
     * unless {@link ProvisionalRecords#confirm} follows: the enqueue transaction may still roll back.
     */
    public CreateOutcome create(NewTask task, boolean provisional) {
        CreateOutcome outcome = createAll(List.of(task), provisional).get(0);
        return new CreateOutcome(outcome.taskId(), outcome.duplicate());
    }

    /**
     * Writes the records of a batch in one Redis call, each like {@link #create}, in order: a key repeated later in
     * the batch answers with the earlier task. Returns one outcome per task, with the state of the task it names.
     */
    public List<CreateOutcome> createAll(List<NewTask> tasks, boolean provisional) {
        return createAll(tasks, provisional, task -> Map.of());
    }

    /**
     * Writes the records of a batch like {@link #createAll(List, boolean)}, each with the further fields
     * {@code moreFields} gives it (a flow step's flow and step), in the same call.
     */
    public List<CreateOutcome> createAll(
            List<NewTask> tasks, boolean provisional, Function<NewTask, Map<String, String>> moreFields) {
        long provisionalSeconds = settings.provisionalTtl().toSeconds();
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.stateIndex(TaskState.QUEUED.name()),
                Long.toString(provisional ? provisionalSeconds : 0),
                Long.toString(
                        provisional
                                ? provisionalSeconds
                                : settings.idempotencyWindow().toSeconds()),
                RedisKeys.task("")));
        for (NewTask task : tasks) {
            Map<String, String> fields = task.initialFields();
            fields.putAll(moreFields.apply(task));
            args.add(task.id());
            args.add(RedisKeys.contractIndex(task.contract()));
            args.add(task.agent() == null ? "" : RedisKeys.agentIndex(task.agent()));
            args.add(Long.toString(task.createdAt()));
            args.add(task.idempotencyKey() == null ? "0" : "1");
            args.add(Integer.toString(fields.size() * 2));
            fields.forEach((name, value) -> {
                args.add(name);
                args.add(value);
            });
        }
        List<Object> reply = redis.call(r -> CREATE.run(r, keysOf(tasks), args.toArray(String[]::new)));
        List<CreateOutcome> outcomes = new ArrayList<>(tasks.size());
        for (int i = 0; i < reply.size(); i += 3) {
            String state = (String) reply.get(i + 2);
            outcomes.add(new CreateOutcome(
                    (String) reply.get(i + 1),
                    "DUPLICATE".equals(reply.get(i)),
                    state.isEmpty() ? null : TaskState.valueOf(state)));
        }
        return outcomes;
    }

    /** Reads one task record. */
    public Optional<TaskSnapshot> find(String id) {
        Map<String, String> hash = redis.call(r -> r.hgetall(RedisKeys.task(id)));
        return hash == null || hash.isEmpty() ? Optional.empty() : Optional.of(TaskSnapshot.fromHash(hash));
    }

    /** Marks a delivery as running; allowed only for an attempt newer than the one recorded. */
    public TransitionOutcome start(String id, int attempt, int maxAttempts, String node, long now) {
        return transition(new TaskTransition(id, TaskState.RUNNING, Guard.NEWER, attempt, now)
                .history("start", HistoryPatch.startedOn(node))
                .ttlSeconds(0)
                .field(TaskFields.STARTED_AT, Long.toString(now))
                .field(TaskFields.MAX_ATTEMPTS, Integer.toString(maxAttempts))
                .field(TaskFields.NEXT_ATTEMPT_AT, "")
                .field(TaskFields.LEASE_UNTIL, "")
                .field(TaskFields.NODE, node));
    }

    /** Records the result of a successful attempt. */
    public TransitionOutcome complete(String id, int attempt, String resultJson, String warningsJson, long now) {
        return complete(id, attempt, resultJson, warningsJson, null, now);
    }

    /** Records the result of a successful attempt with the token usage it reported ({@code usageJson} may be null). */
    public TransitionOutcome complete(
            String id, int attempt, String resultJson, String warningsJson, String usageJson, long now) {
        return transition(new TaskTransition(id, TaskState.COMPLETED, Guard.SAME, attempt, now)
                .settles()
                .field(TaskFields.USAGE, usageJson == null ? "" : usageJson)
                .history("finish", HistoryPatch.ended(TaskState.COMPLETED.name()))
                .ttlSeconds(settings.retention().toSeconds())
                .field(TaskFields.RESULT, resultJson)
                .field(TaskFields.WARNINGS, warningsJson)
                .field(TaskFields.ERROR, "")
                .field(TaskFields.FINISHED_AT, Long.toString(now)));
    }

    /** Records a retryable failure of an attempt; the broker delivers the next attempt at {@code nextAttemptAt}. */
    public TransitionOutcome fail(
            String id, int attempt, TaskError error, long nextAttemptAt, String warningsJson, long now) {
        return transition(new TaskTransition(id, TaskState.FAILED, Guard.SAME, attempt, now)
                .history("finish", HistoryPatch.failed(TaskState.FAILED, error))
                .ttlSeconds(0)
                .field(TaskFields.ERROR, JsonRecords.write(error))
                .field(TaskFields.WARNINGS, warningsJson)
                .field(TaskFields.NEXT_ATTEMPT_AT, Long.toString(nextAttemptAt)));
    }

    /**
     * Dead-letters a task. {@code ran} tells whether this attempt was started with {@link #start}; a message
     * refused before it ran (malformed, unknown contract) records its attempt as opened and closed at once.
     */
    public TransitionOutcome deadLetter(
            String id, int attempt, TaskError error, boolean ran, String warningsJson, long now) {
        return transition(new TaskTransition(id, TaskState.DEAD_LETTER, ran ? Guard.SAME : Guard.ANY, attempt, now)
                .settles()
                .history(ran ? "finish" : "both", HistoryPatch.failed(TaskState.DEAD_LETTER, error))
                .ttlSeconds(settings.retention().toSeconds())
                .field(TaskFields.ERROR, JsonRecords.write(error))
                .field(TaskFields.WARNINGS, warningsJson)
                .field(TaskFields.NEXT_ATTEMPT_AT, "")
                .field(TaskFields.FINISHED_AT, Long.toString(now)));
    }

    /**
     * Returns a running task to {@code QUEUED} without holding this attempt against it, because it was not the
     * task's fault: its worker shut down ({@code outcome} {@code INTERRUPTED}), or the container refused earlier
     * deliveries ({@code REQUEUED}). The history closes the attempt with {@code outcome} and {@code reason}, never as
     * failed, and the count goes back to {@code attemptsUsed} so the retry budget is untouched.
     */
    public TransitionOutcome release(
            String id, int attempt, int attemptsUsed, String outcome, String reason, long now) {
        return transition(new TaskTransition(id, TaskState.QUEUED, Guard.SAME, attempt, now)
                .history("finish", HistoryPatch.ended(outcome, reason))
                // Written after the script's own attempt field, so it wins: the guard checks this attempt, the record
                // keeps the count of attempts that did use the budget.
                .field(TaskFields.ATTEMPT, Integer.toString(attemptsUsed))
                .field(TaskFields.STARTED_AT, ""));
    }

    /**
     * Returns a dead-lettered task to {@code QUEUED} for a redrive: the attempt count starts over (the redriven
     * message's deliveries count from 1 again), the error and history stay, and a {@code REDRIVEN} entry marks the
     * boundary in the history.
     */
    public TransitionOutcome redrive(String id, long now) {
        return transition(new TaskTransition(id, TaskState.QUEUED, Guard.ANY, 0, now)
                .history("both", HistoryPatch.ended("REDRIVEN"))
                .ttlSeconds(0)
                .field(TaskFields.NEXT_ATTEMPT_AT, "")
                .field(TaskFields.FINISHED_AT, ""));
    }

    /**
     * Redrives a dead-lettered task like {@link #redrive} with the payload {@code change} gives it; the
     * {@code REDRIVEN} history entry records who changed it, how, and the payload before, size-capped.
     */
    public TransitionOutcome redriveEdited(String id, PayloadChange change, long now) {
        return transition(new TaskTransition(id, TaskState.QUEUED, Guard.ANY, 0, now)
                .history("both", HistoryPatch.redrivenWith(change))
                .ttlSeconds(0)
                .field(TaskFields.PAYLOAD, change.newPayload())
                .field(TaskFields.NEXT_ATTEMPT_AT, "")
                .field(TaskFields.FINISHED_AT, ""));
    }

    /** Reverses {@link #redriveEdited} when its transaction rolled back: the record gets its state and payload back. */
    public TransitionOutcome undoRedriveEdited(String id, PayloadChange change, long now) {
        return transition(new TaskTransition(id, TaskState.DEAD_LETTER, Guard.SAME, 0, now)
                .history("both", HistoryPatch.ended("REDRIVE_ROLLED_BACK"))
                .ttlSeconds(settings.retention().toSeconds())
                .field(TaskFields.PAYLOAD, change.previousPayload())
                .field(TaskFields.FINISHED_AT, Long.toString(now)));
    }

    /** Reverses {@link #redrive} when the transaction moving the message back to the task queue rolled back. */
    public TransitionOutcome undoRedrive(String id, long now) {
        return transition(new TaskTransition(id, TaskState.DEAD_LETTER, Guard.SAME, 0, now)
                .history("both", HistoryPatch.ended("REDRIVE_ROLLED_BACK"))
                .ttlSeconds(settings.retention().toSeconds())
                .field(TaskFields.FINISHED_AT, Long.toString(now)));
    }

    /**
     * Records that a task's message was lost and is being sent again: allowed only while the record is still
     * {@code expected} at {@code attempt}, so a worker that moved the task on meanwhile wins. The task becomes
     * {@code QUEUED} with its attempt count kept, an attempt left open is closed as {@code ABANDONED}, a
     * {@code RECOVERED} entry is added to the history, and {@code recoveries} is stored.
     */
    public TransitionOutcome recover(String id, TaskState expected, int attempt, int recoveries, long now) {
        if (!expected.canMoveTo(TaskState.QUEUED)) {
            throw new IllegalArgumentException("A " + expected + " task cannot be recovered");
        }
        return transition(new TaskTransition(id, TaskState.QUEUED, Guard.SAME, attempt, now)
                .from(expected)
                .history("both", HistoryPatch.recoveredFrom(expected))
                .ttlSeconds(0)
                .field(TaskFields.STARTED_AT, "")
                .field(TaskFields.RECOVERIES, Integer.toString(recoveries))
                .field(TaskFields.RECOVERED_AT, Long.toString(now)));
    }

    /** Marks a dead-lettered or cancelled task as purged: its message was removed from the DLQ. */
    public TransitionOutcome purge(String id, long now) {
        return transition(new TaskTransition(id, TaskState.PURGED, Guard.ANY, -1, now)
                .ttlSeconds(settings.retention().toSeconds())
                .field(TaskFields.FINISHED_AT, Long.toString(now)));
    }

    /** Cancels a task that is queued or waiting for its next attempt; the worker skips its message. */
    public TransitionOutcome cancel(String id, long now) {
        return transition(new TaskTransition(id, TaskState.CANCELLED, Guard.ANY, -1, now)
                .settles()
                .ttlSeconds(settings.retention().toSeconds())
                .field(TaskFields.NEXT_ATTEMPT_AT, "")
                .field(TaskFields.FINISHED_AT, Long.toString(now)));
    }

    /**
     * Notes on a waiting task (QUEUED or FAILED) that a worker deferred it until {@code untilMs} for {@code reason},
     * without using an attempt; returns false when the record is gone or no longer waiting.
     */
    public boolean defer(String id, long untilMs, String reason) {
        return redis.call(r -> DEFER.runForLong(r, new String[] {RedisKeys.task(id)}, Long.toString(untilMs), reason))
                == 1L;
    }

    /** Runs one transition script call; {@link TaskReports} goes through it too. */
    TransitionOutcome transition(TaskTransition t) {
        String[] args = t.scriptArguments(settings);
        return TaskTransition.outcomeOf(redis.call(r -> TRANSITION.run(r, t.scriptKeys(), args)));
    }

    /** The task hashes of {@code tasks}, then the idempotency keys of those that have one, in order. */
    static String[] keysOf(List<NewTask> tasks) {
        List<String> keys = new ArrayList<>(tasks.size() * 2);
        tasks.forEach(task -> keys.add(RedisKeys.task(task.id())));
        tasks.stream()
                .filter(task -> task.idempotencyKey() != null)
                .forEach(task -> keys.add(RedisKeys.idempotency(task.idempotencyKey())));
        return keys.toArray(String[]::new);
    }
}
