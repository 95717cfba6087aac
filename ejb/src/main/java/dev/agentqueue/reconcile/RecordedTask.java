package dev.agentqueue.reconcile;

import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskFields;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A task record as the reconciler judges it: the record, when it entered its state (its score in the state index),
 * and when and how often its message was re-sent before. Pure: it decides from these values alone whether the
 * broker should hold no message for the task any more, and what to send again.
 *
 * @param enteredAt when the task entered its current state, ms
 * @param recoveredAt when its message was last re-sent, ms, or 0
 * @param leaseUntil until when a heartbeating attempt holds its lease, ms, or 0
 * @param labels the properties its message carries besides the task: a flow step's flow and step, else none
 */
public record RecordedTask(
        TaskSnapshot task,
        long enteredAt,
        long recoveredAt,
        int recoveries,
        long leaseUntil,
        Map<String, String> labels) {

    /** Reads the record from its hash fields; {@code enteredAt} is its state-index score. */
    public static RecordedTask of(Map<String, String> hash, long enteredAt) {
        return new RecordedTask(
                TaskSnapshot.fromHash(hash),
                enteredAt,
                number(hash.get(TaskFields.RECOVERED_AT)),
                (int) number(hash.get(TaskFields.RECOVERIES)),
                number(hash.get(TaskFields.LEASE_UNTIL)),
                labelsOf(hash));
    }

    /**
     * Returns the labels of a flow step's message from its record, which the worker reports the step's end to its
     * flow by: a step's message re-sent without them would run, but its flow would wait for it for ever.
     */
    private static Map<String, String> labelsOf(Map<String, String> hash) {
        String flowId = hash.get(TaskFields.FLOW_ID);
        String step = hash.get(TaskFields.FLOW_STEP);
        return flowId == null || step == null ? Map.of() : MessageProperties.flowLabels(flowId, step);
    }

    /** Tells whether the reconciler looks after tasks in {@code state}: those a message is still owed for. */
    public static boolean watched(TaskState state) {
        return state == TaskState.QUEUED || state == TaskState.FAILED || state == TaskState.RUNNING;
    }

    /**
     * Returns when the broker should have delivered the task (queued: when it was queued or its delay ended; failed:
     * its next attempt) or its worker should have finished it (running: its start plus its timeout, or the lease its
     * heartbeats extended), in ms.
     */
    public long dueAt() {
        long since = Math.max(enteredAt, recoveredAt);
        return switch (task.state()) {
            case QUEUED, FAILED -> Math.max(since, millis(task.nextAttemptAt()));
            case RUNNING -> Math.max(Math.max(since, millis(task.startedAt())) + task.timeoutMs(), leaseUntil);
            default -> Long.MAX_VALUE;
        };
    }

    /** Tells whether the task is overdue by more than {@code grace} at {@code now}: the broker should be done with it. */
    public boolean isOverdue(long now, Duration grace) {
        return watched(task.state()) && dueAt() <= now - grace.toMillis();
    }

    /**
     * Tells whether the record may be an enqueue's provisional record: queued, never attempted, never re-sent. Such a
     * record that still expires belongs to an enqueue that was refused or rolled back (it confirms by dropping the
     * expiry): no message is owed for it, and sending one would run a task its caller was told was not accepted.
     */
    public boolean mayBeProvisional() {
        return task.state() == TaskState.QUEUED && task.attempt() == 0 && recoveries == 0;
    }

    /** Returns what remains of the task's delay at {@code now}; zero once it is due. */
    public Duration remainingDelay(long now) {
        return Duration.ofMillis(Math.max(0, millis(task.nextAttemptAt()) - now));
    }

    /**
     * Returns the duplicate-detection id of this recovery: one per task, attempt and recovery, so two nodes re-sending
     * the same lost message send one copy, and a message lost again later is re-sent again.
     */
    public String duplicateId() {
        return "recover:" + task.id() + ":" + task.attempt() + ":" + (recoveries + 1);
    }

    /** Returns the task as its message is built again: same id, contract, agent, payload, priority and timeout. */
    public NewTask asNewTask() {
        return new NewTask(
                task.id(),
                task.contract(),
                task.agent(),
                task.payload().toString(),
                task.priority(),
                task.correlationId(),
                task.idempotencyKey(),
                task.timeoutMs(),
                millis(task.createdAt()),
                task.maxAttempts(),
                NewTask.NO_DELAY, // the re-send carries what remains of the delay
                task.concurrencyKey(),
                task.callback() == null ? null : task.callback().url());
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    private static long number(String text) {
        return text == null || text.isEmpty() ? 0 : Long.parseLong(text);
    }
}
