package dev.agentqueue.dlq;

import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.messaging.TaskMessages;
import dev.agentqueue.task.TaskError;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** One message in the dead-letter queue, as its properties describe it. */
public record DeadLetter(
        String taskId,
        String messageId,
        String contract,
        String agent,
        TaskError error,
        int attempt,
        String originAddress,
        long deadLetteredAt,
        int priority) {

    /** Reads a dead letter from its message; absent properties (a message the broker moved itself) stay empty. */
    static DeadLetter of(Message message) throws JMSException {
        DeadLetterLabel label = DeadLetterLabel.readFrom(message);
        return new DeadLetter(
                label.taskId(),
                message.getJMSMessageID(),
                label.contract(),
                label.agent(),
                label.error(),
                label.attempt(),
                label.originAddress(),
                DeadLetterLabel.deadLetteredAt(message),
                TaskMessages.priority(message));
    }
}
