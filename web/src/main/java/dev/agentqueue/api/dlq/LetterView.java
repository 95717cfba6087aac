package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.agentqueue.api.task.TaskView;
import dev.agentqueue.dlq.DeadLetter;
import dev.agentqueue.dlq.DeadLetterEntry;
import dev.agentqueue.task.TaskError;
import java.time.Instant;

/**
 * A message in the dead-letter queue as the API shows it ({@link DlqSchemas.Letter} describes it): {@code taskId} and
 * {@code task} are null when unknown, the labels a message may lack are left out.
 */
@JsonPropertyOrder({
    "taskId",
    "messageId",
    "error",
    "attempt",
    "priority",
    "deadLetteredAt",
    "contract",
    "agent",
    "originAddress",
    "task"
})
record LetterView(
        String taskId,
        String messageId,
        TaskError error,
        int attempt,
        int priority,
        String deadLetteredAt,
        @JsonInclude(Include.NON_NULL) String contract,
        @JsonInclude(Include.NON_NULL) String agent,
        @JsonInclude(Include.NON_NULL) String originAddress,
        TaskView task) {

    static LetterView of(DeadLetterEntry entry) {
        DeadLetter letter = entry.message();
        return new LetterView(
                letter.taskId(),
                String.valueOf(letter.messageId()),
                letter.error(),
                letter.attempt(),
                letter.priority(),
                Instant.ofEpochMilli(letter.deadLetteredAt()).toString(),
                letter.contract(),
                letter.agent(),
                letter.originAddress(),
                entry.task().map(TaskView::of).orElse(null));
    }
}
