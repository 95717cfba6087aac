package dev.agentqueue.messaging;

import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.ErrorFingerprint;
import dev.agentqueue.task.TaskError;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * What a dead letter carries besides the task message: whose task it is, after which attempt, of which contract and
 * agent ({@code agent} may be null), why, and from which address. Written as message properties, so the DLQ can be
 * browsed and filtered by them.
 */
public record DeadLetterLabel(
        String taskId, int attempt, String contract, String agent, TaskError error, String originAddress) {

    /**
     * Reads the label of a dead letter. A message the broker moved itself carries only its task id: its contract,
     * agent and origin stay null, its attempt 0, and its error says the broker moved it.
     */
    public static DeadLetterLabel readFrom(Message message) throws JMSException {
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
        return new DeadLetterLabel(
                string(message, MessageProperties.TASK_ID, null),
                message.propertyExists(MessageProperties.ATTEMPT)
                        ? message.getIntProperty(MessageProperties.ATTEMPT)
                        : 0,
                string(message, MessageProperties.CONTRACT, null),
                string(message, MessageProperties.AGENT, null),
                error,
                string(message, MessageProperties.ORIGIN_ADDRESS, null));
    }

    /** Returns when a dead letter was labelled, or for one the broker moved itself when it was sent. */
    public static long deadLetteredAt(Message message) throws JMSException {
        return message.propertyExists(MessageProperties.DEAD_LETTERED_AT)
                ? message.getLongProperty(MessageProperties.DEAD_LETTERED_AT)
                : message.getJMSTimestamp();
    }

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

    private static String string(Message message, String name, String fallback) throws JMSException {
        String value = message.getStringProperty(name);
        return value == null ? fallback : value;
    }
}
