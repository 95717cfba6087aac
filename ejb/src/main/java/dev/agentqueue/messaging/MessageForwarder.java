package dev.agentqueue.messaging;

import dev.agentqueue.task.TaskError;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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
import java.util.Set;

/**
 * Sends a copy of a delivered task message elsewhere: to the dead-letter queue with the error attached, or back to
 * the task queue for a later attempt; and sends dead letters back for a redrive. It joins its caller's transaction
 * when there is one (a redrive or a reconciliation receives the dead letter and sends its copy in one transaction) and
 * sends on its own otherwise: the worker runs without a transaction, so each of its sends is durable before the
 * original is acknowledged, and a crash in between leaves the task in both places, never in neither. A session bean,
 * so that its queues are resource references each server maps in its own descriptor.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MessageForwarder {

    /** What the worker adds to a dead letter; a redriven message starts without them. */
    private static final Set<String> DEAD_LETTER_PROPERTIES = Set.of(
            MessageProperties.ERROR_CLASSIFICATION,
            MessageProperties.ERROR_TYPE,
            MessageProperties.ERROR_MESSAGE,
            MessageProperties.ERROR_FINGERPRINT,
            MessageProperties.ATTEMPT,
            MessageProperties.ATTEMPT_BASE,
            MessageProperties.ORIGIN_ADDRESS,
            MessageProperties.DEAD_LETTERED_AT);

    @Inject
    JMSContext jms;

    @Resource(name = JmsNames.TASK_QUEUE_REF)
    Queue taskQueue;

    @Resource(name = JmsNames.DEAD_LETTER_QUEUE_REF)
    Queue deadLetterQueue;

    /**
     * Sends a worker's dead letter: a copy of the delivered message to the dead-letter queue, carrying the error, the
     * task's recorded {@code attempt}, the contract and the agent as properties. Called without a transaction, before
     * the delivery is acknowledged. The copy's duplicate-detection id is made of the task, its redrive count and that
     * attempt, so when a crash before the acknowledgement brings the delivery back and the worker repeats the move,
     * the broker drops the second copy. (In a transaction the broker would fail the whole commit instead.)
     */
    public void deadLetter(Delivery delivery, int attempt, TaskError error, String originAddress) {
        Message copy = labelled(
                delivery.message(),
                delivery.taskId(),
                attempt,
                delivery.contract(),
                delivery.agent(),
                error,
                originAddress);
        setDuplicateId(
                copy,
                "dead-letter:" + delivery.taskId() + ":" + intProperty(delivery.message(), MessageProperties.REDRIVES)
                        + ":" + attempt);
        send(deadLetterQueue, copy, priorityOf(delivery.message()), 0);
    }

    /**
     * Sends a copy of {@code message} to the dead-letter queue labelled as task {@code taskId}'s dead letter after
     * {@code attempt}, with {@code error}; {@code agent} may be null.
     */
    public void toDeadLetterQueue(
            Message message,
            String taskId,
            int attempt,
            String contract,
            String agent,
            TaskError error,
            String originAddress) {
        send(
                deadLetterQueue,
                labelled(message, taskId, attempt, contract, agent, error, originAddress),
                priorityOf(message),
                0);
    }

    private Message labelled(
            Message message,
            String taskId,
            int attempt,
            String contract,
            String agent,
            TaskError error,
            String originAddress) {
        Message copy = copyOf(message, Set.of());
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
            copy.setStringProperty(MessageProperties.CONTRACT, contract);
            if (agent != null) {
                copy.setStringProperty(MessageProperties.AGENT, agent);
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label dead letter: " + e.getMessage(), e.getErrorCode(), e);
        }
        return copy;
    }

    /**
     * Sends a copy of a dead letter back to the task queue as the task's {@code redrives}-th redrive: without the
     * dead-letter properties, with its attempt count starting over, and with a duplicate-detection id of its own
     * (the first enqueue's id would make the broker drop it).
     */
    public void redrive(Message deadLetter, String taskId, int redrives) {
        Message copy = copyOf(deadLetter, DEAD_LETTER_PROPERTIES);
        try {
            String key = taskId == null ? deadLetter.getJMSMessageID() : taskId;
            if (taskId != null) {
                copy.setStringProperty(MessageProperties.TASK_ID, taskId);
            }
            copy.setIntProperty(MessageProperties.ATTEMPT_BASE, 0);
            copy.setIntProperty(MessageProperties.REDRIVES, redrives);
            copy.setStringProperty(MessageProperties.DUPLICATE_ID, "redrive:" + key + ":" + redrives);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label redriven message: " + e.getMessage(), e.getErrorCode(), e);
        }
        send(taskQueue, copy, priorityOf(deadLetter), 0);
    }

    /**
     * Sends a copy of the message back to the task queue, delivered after {@code delayMs}. {@code attemptBase} is
     * the number of attempts the task has used, so the copy continues the count instead of starting over.
     */
    public void requeue(Message message, String taskId, long delayMs, int attemptBase) {
        Message copy = copyOf(message, Set.of());
        try {
            copy.setIntProperty(MessageProperties.ATTEMPT_BASE, attemptBase);
            copy.setStringProperty(MessageProperties.TASK_ID, taskId);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label requeued message: " + e.getMessage(), e.getErrorCode(), e);
        }
        send(taskQueue, copy, priorityOf(message), Math.max(0, delayMs));
    }

    /** Copies body and application properties except {@code dropped}; broker-internal and JMSX ones stay behind. */
    private Message copyOf(Message original, Set<String> dropped) {
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
                if (!property.startsWith("JMSX") && !property.startsWith("_AMQ_") && !dropped.contains(property)) {
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

    private void send(Queue queue, Message message, int priority, long delayMs) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(priority)
                .setDeliveryDelay(delayMs)
                .send(queue, message);
    }

    private static void setDuplicateId(Message message, String id) {
        try {
            message.setStringProperty(MessageProperties.DUPLICATE_ID, id);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot label message: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private static int intProperty(Message message, String name) {
        try {
            return message.propertyExists(name) ? message.getIntProperty(name) : 0;
        } catch (JMSException | NumberFormatException e) {
            return 0;
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
