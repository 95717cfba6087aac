package dev.agentqueue.messaging;

import dev.agentqueue.task.TaskError;
import jakarta.jms.Message;

/**
 * What a dead letter carries besides the task message: whose task it is, after which attempt, of which contract and
 * agent ({@code agent} may be null), why, and from which address. Written as message properties, so the DLQ can be
 * browsed and filtered by them.
 */
public record DeadLetterLabel(
        String taskId, int attempt, String contract, String agent, TaskError error, String originAddress) {

    /** Writes the label onto {@code message}, stamped with the current time. */
    void writeTo(Message message) {
        TaskMessages.write("dead letter", () -> {
            message.setStringProperty(MessageProperties.TASK_ID, taskId);
            message.setStringProperty(
                    MessageProperties.ERROR_CLASSIFICATION,
                    error.classification().name());
            message.setStringProperty(MessageProperties.ERROR_TYPE, error.type());
            message.setStringProperty(MessageProperties.ERROR_MESSAGE, error.message());
            message.setStringProperty(MessageProperties.ERROR_FINGERPRINT, error.fingerprint());
            message.setIntProperty(MessageProperties.ATTEMPT, attempt);
            message.setStringProperty(MessageProperties.ORIGIN_ADDRESS, originAddress);
            message.setLongProperty(MessageProperties.DEAD_LETTERED_AT, System.currentTimeMillis());
            message.setStringProperty(MessageProperties.CONTRACT, contract);
            if (agent != null) {
                message.setStringProperty(MessageProperties.AGENT, agent);
            }
        });
    }
}
