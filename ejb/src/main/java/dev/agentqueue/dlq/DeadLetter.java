package dev.agentqueue.dlq;

import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.ErrorFingerprint;
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
        String type = string(message, MessageProperties.ERROR_TYPE, "unknown");
        String text = string(message, MessageProperties.ERROR_MESSAGE, "moved to the DLQ by the broker");
        String classification = string(message, MessageProperties.ERROR_CLASSIFICATION, null);
        String fingerprint = string(message, MessageProperties.ERROR_FINGERPRINT, null);
        TaskError error = new TaskError(
                ErrorClassification.TERMINAL.name().equals(classification)
                        ? ErrorClassification.TERMINAL
                        : ErrorClassification.RETRYABLE,
                type,
                text,
                fingerprint == null ? ErrorFingerprint.of(type, text) : fingerprint);
        long at = message.propertyExists(MessageProperties.DEAD_LETTERED_AT)
                ? message.getLongProperty(MessageProperties.DEAD_LETTERED_AT)
                : message.getJMSTimestamp();
        return new DeadLetter(
                string(message, MessageProperties.TASK_ID, null),
                message.getJMSMessageID(),
                string(message, MessageProperties.CONTRACT, null),
                string(message, MessageProperties.AGENT, null),
                error,
                message.propertyExists(MessageProperties.ATTEMPT)
                        ? message.getIntProperty(MessageProperties.ATTEMPT)
                        : 0,
                string(message, MessageProperties.ORIGIN_ADDRESS, null),
                at,
                message.getJMSPriority());
    }

    private static String string(Message message, String name, String fallback) throws JMSException {
        String value = message.getStringProperty(name);
        return value == null ? fallback : value;
    }
}
