package dev.agentqueue.worker;

import dev.agentqueue.envelope.JmsNames;
import dev.agentqueue.envelope.MessageProperties;
import dev.agentqueue.task.TaskError;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Collections;

/**
 * Sends a copy of a delivered task message elsewhere inside the delivery's transaction: to the dead-letter queue
 * with the error attached, or back to the task queue for a later attempt. The original is consumed when the
 * transaction commits, so the move is atomic. A session bean, so that its queues are resource references each
 * server maps in its own descriptor.
 */
@Stateless
@LocalBean
public class MessageForwarder {

    @Inject
    JMSContext jms;

    @Resource(name = JmsNames.TASK_QUEUE_REF)
    Queue taskQueue;

    @Resource(name = JmsNames.DEAD_LETTER_QUEUE_REF)
    Queue deadLetterQueue;

    /** Sends a copy of the message to the dead-letter queue, carrying the error and the attempt as properties. */
    public void toDeadLetterQueue(Message message, String taskId, int attempt, TaskError error, String originAddress) {
        Message copy = copyOf(message);
        try {
            copy.setStringProperty(MessageProperties.TASK_ID, taskId);
            copy.setStringProperty(
                    MessageProperties.ERROR_CLASSIFICATION,
                    error.classification().name());
            copy.setStringProperty(MessageProperties.ERROR_TYPE, error.type());
            copy.setStringProperty(MessageProperties.ERROR_MESSAGE, error.message());
            copy.setStringProperty(MessageProperties.ERROR_FINGERPRINT, error.fingerprint());
            copy.setIntProperty(MessageProperties.ATTEMPT, attempt);
            copy.setStringProperty(MessageProperties.ORIGIN_ADDRESS, originAddress);
            copy.setLongProperty(MessageProperties.DEAD_LETTERED_AT, System.currentTimeMillis());
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label dead letter: " + e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(priorityOf(message))
                .send(deadLetterQueue, copy);
    }

    /**
     * Sends a copy of the message back to the task queue, delivered after {@code delayMs}. {@code attemptBase} is
     * the number of attempts the task has used, so the copy continues the count instead of starting over.
     */
    public void requeue(Message message, String taskId, long delayMs, int attemptBase) {
        Message copy = copyOf(message);
        try {
            copy.setIntProperty(MessageProperties.ATTEMPT_BASE, attemptBase);
            copy.setStringProperty(MessageProperties.TASK_ID, taskId);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label requeued message: " + e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(priorityOf(message))
                .setDeliveryDelay(Math.max(0, delayMs))
                .send(taskQueue, copy);
    }

    /** Copies body and application properties; broker-internal and JMSX properties stay behind. */
    private Message copyOf(Message original) {
        try {
            Message copy;
            if (original instanceof TextMessage text) {
                copy = jms.createTextMessage(text.getText());
            } else if (original instanceof BytesMessage bytes) {
                copy = jms.createBytesMessage();
                byte[] body = bytes.getBody(byte[].class);
                ((BytesMessage) copy).writeBytes(body == null ? new byte[0] : body);
            } else {
                // Other body types are never deserialized here: an ObjectMessage from the queue is untrusted.
                copy = jms.createMessage();
                copy.setStringProperty(
                        MessageProperties.ORIGINAL_BODY_TYPE,
                        original.getClass().getSimpleName());
            }
            for (Object name : Collections.list(original.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("JMSX") && !property.startsWith("_AMQ_")) {
                    copy.setObjectProperty(property, original.getObjectProperty(property));
                }
            }
            copy.setJMSCorrelationID(original.getJMSCorrelationID());
            copy.setJMSType(original.getJMSType());
            return copy;
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot copy message: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private static int priorityOf(Message message) {
        try {
            return message.getJMSPriority();
        } catch (JMSException e) {
            return Message.DEFAULT_PRIORITY;
        }
    }
}
