package dev.agentqueue.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The members a transition adds to the attempt's history entry (the transition script merges them in): who started
 * it, how it ended and why, and a short form of the failure. Members left null are not written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HistoryPatch(
        String node,
        String outcome,
        String reason,
        String from,
        TaskAttempt.AttemptError error,
        TaskAttempt.Edit edit) {

    /** Longest error message kept in a history entry; the full message is on the record's {@code error}. */
    static final int MESSAGE_LENGTH = 300;

    /** Nothing to add. */
    static final HistoryPatch NONE = new HistoryPatch(null, null, null, null, null, null);

    static HistoryPatch startedOn(String node) {
        return new HistoryPatch(node, null, null, null, null, null);
    }

    static HistoryPatch ended(String outcome) {
        return new HistoryPatch(null, outcome, null, null, null, null);
    }

    static HistoryPatch ended(String outcome, String reason) {
        return new HistoryPatch(null, outcome, reason, null, null, null);
    }

    static HistoryPatch recoveredFrom(TaskState from) {
        return new HistoryPatch(null, "RECOVERED", null, from.name(), null, null);
    }

    static HistoryPatch failed(TaskState outcome, TaskError error) {
        String message = error.message().length() <= MESSAGE_LENGTH
                ? error.message()
                : error.message().substring(0, MESSAGE_LENGTH) + "…";
        return new HistoryPatch(
                null,
                outcome.name(),
                null,
                null,
                new TaskAttempt.AttemptError(error.classification(), error.type(), message),
                null);
    }

    static HistoryPatch redrivenWith(PayloadChange change) {
        String previous = change.previousPayload();
        boolean cut = previous.length() > PayloadChange.MAX_KEPT_CHARS;
        return new HistoryPatch(
                null,
                "REDRIVEN",
                null,
                null,
                null,
                new TaskAttempt.Edit(
                        change.editor(),
                        change.kind(),
                        cut ? previous.substring(0, PayloadChange.MAX_KEPT_CHARS) : previous,
                        cut ? Boolean.TRUE : null));
    }
}
