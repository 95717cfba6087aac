package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.agentqueue.api.task.TaskErrorView;
import dev.agentqueue.api.task.TaskView;
import dev.agentqueue.dlq.DeadLetter;
import dev.agentqueue.dlq.DeadLetterEntry;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message in the dead-letter queue as the API shows it and the OpenAPI document describes it, the members in this
 * order (the record's): {@code taskId} and {@code task} are null when unknown, the labels a message may lack are left
 * out.
 */
@Schema(
        name = "DeadLetter",
        requiredProperties = {"taskId", "messageId", "error", "attempt", "priority", "deadLetteredAt", "task"})
record LetterView(
        @Schema(format = "uuid", nullable = true, description = "null for a message that names no task")
        String taskId,

        String messageId,

        TaskErrorView error,

        @Schema(description = "The attempt that failed last; 0 when unknown")
        int attempt,

        int priority,
        @Schema(format = "date-time") String deadLetteredAt,
        @JsonInclude(Include.NON_NULL) String contract,
        @JsonInclude(Include.NON_NULL) String agent,

        @JsonInclude(Include.NON_NULL) @Schema(description = "The queue it came from")
        String originAddress,

        @Schema(nullable = true, description = "The task's record, or null when Redis has none")
        TaskView task) {

    static LetterView of(DeadLetterEntry entry) {
        DeadLetter letter = entry.message();
        return new LetterView(
                letter.taskId(),
                String.valueOf(letter.messageId()),
                TaskErrorView.of(letter.error()),
                letter.attempt(),
                letter.priority(),
                Instant.ofEpochMilli(letter.deadLetteredAt()).toString(),
                letter.contract(),
                letter.agent(),
                letter.originAddress(),
                entry.task().map(TaskView::of).orElse(null));
    }
}
