package dev.agentqueue.task;

import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.JsonRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of one call of the transition script: which record moves to which state, under which attempt guard,
 * with which history entry, expiry and fields; and how the script's reply reads.
 */
final class TaskTransition {

    /** How a transition compares the caller's attempt with the recorded one. */
    enum Guard {
        ANY,
        SAME,
        NEWER
    }

    final String id;
    private final TaskState target;
    private final Guard guard;
    private final int attempt;
    private final long now;
    private Set<TaskState> sources;
    private final List<String> fields = new ArrayList<>();
    private String historyAction = "none";
    private HistoryPatch historyPatch = HistoryPatch.NONE;
    private long ttlSeconds = -1;
    private boolean settles;
    private String eventType = "";
    private String eventData = "";

    TaskTransition(String id, TaskState target, Guard guard, int attempt, long now) {
        this.id = id;
        this.target = target;
        this.guard = guard;
        this.attempt = attempt;
        this.now = now;
        this.sources = target.allowedSources();
    }

    /** Narrows the allowed sources to the one state the caller read. */
    TaskTransition from(TaskState source) {
        this.sources = Set.of(source);
        return this;
    }

    TaskTransition history(String action, HistoryPatch patch) {
        this.historyAction = action;
        this.historyPatch = patch;
        return this;
    }

    TaskTransition ttlSeconds(long seconds) {
        this.ttlSeconds = seconds;
        return this;
    }

    /** Marks a move to a settled state: a task with a callback URL becomes due for its callback in the same step. */
    TaskTransition settles() {
        this.settles = true;
        return this;
    }

    /** Appends one more event to the task's stream with the move, {@code data} written as JSON. */
    TaskTransition event(String type, Object data) {
        this.eventType = type;
        this.eventData = JsonRecords.write(data);
        return this;
    }

    TaskTransition field(String name, String value) {
        fields.add(name);
        fields.add(value);
        return this;
    }

    /**
     * Returns the script's keys: the record, its event stream, and the callbacks' schedule when the move settles the
     * task.
     */
    String[] scriptKeys() {
        return settles
                ? new String[] {RedisKeys.task(id), RedisKeys.taskEvents(id), RedisKeys.callbacksDue()}
                : new String[] {RedisKeys.task(id), RedisKeys.taskEvents(id)};
    }

    /**
     * Returns the script's arguments, keeping at most {@code historyLimit} history entries and about
     * {@code settings.eventsMaxLength()} events, the stream expiring as the settings say for the target state.
     */
    String[] scriptArguments(TaskSettings settings) {
        int historyLimit = settings.historyLimit();
        List<String> args = new ArrayList<>();
        args.add(target.name());
        args.add(sources.stream().map(Enum::name).collect(Collectors.joining(",", ",", ",")));
        args.add(guard.name().toLowerCase(Locale.ROOT));
        args.add(Integer.toString(attempt));
        args.add(Long.toString(now));
        args.add(RedisKeys.stateIndexPrefix());
        args.add(Long.toString(ttlSeconds));
        args.add(historyAction);
        args.add(JsonRecords.write(historyPatch));
        args.add(Integer.toString(historyLimit));
        args.add(Integer.toString(settings.eventsMaxLength()));
        args.add(Long.toString(
                (target.isSettled() ? settings.eventsTtlAfterSettle() : settings.eventsTtl()).toSeconds()));
        args.add(target.isSettled() ? "1" : "0");
        args.add(eventType);
        args.add(eventData);
        args.addAll(fields);
        return args.toArray(String[]::new);
    }

    /** Reads the script's reply: the result, the state before (empty: none) and the attempt before. */
    static TransitionOutcome outcomeOf(List<Object> reply) {
        String previous = (String) reply.get(1);
        return new TransitionOutcome(
                TransitionOutcome.Result.valueOf((String) reply.get(0)),
                previous.isEmpty() ? null : TaskState.valueOf(previous),
                Integer.parseInt((String) reply.get(2)));
    }
}
