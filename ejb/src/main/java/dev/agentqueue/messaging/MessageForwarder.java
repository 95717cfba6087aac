package dev.agentqueue.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collections;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends a copy of a delivered task message elsewhere: to the dead-letter queue with the error attached, or back to
 * the task queue for a later attempt; and sends dead letters back for a redrive. It joins its caller's transaction
 * when there is one (a redrive or a reconciliation receives the dead letter and sends its copy in one transaction)
 * and sends on its own otherwise, through the plain connection factory and {@link DirectSender}: the worker runs
 * without a transaction, so each of its sends is durable before the original is acknowledged, and a crash in between
 * leaves the task in both places, never in neither. A session bean, so that its queues are resource references each
 * server maps in its own descriptor.
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
            MessageProperties.DEAD_LETTERED_AT,
            MessageProperties.DLQ_WALK,
            MessageProperties.PRIORITY);

    /** The server's default, XA-capable context: only used inside a caller's transaction, which it joins. */
    @Inject
    JMSContext jms;

    /** A plain, non-XA connection factory of the same broker, for the sends made outside any transaction. */
    @Resource(name = JmsNames.DIRECT_CONNECTION_FACTORY_REF)
    ConnectionFactory directConnections;

    @Inject
    DirectSender directSender;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(name = JmsNames.TASK_QUEUE_REF)
    Queue taskQueue;

    @Resource(name = JmsNames.DEAD_LETTER_QUEUE_REF)
    Queue deadLetterQueue;

    /**
     * Sends a worker's dead letter: a copy of the delivered message to the dead-letter queue, carrying {@code label}.
     * Called without a transaction, before the delivery is acknowledged. The copy's duplicate-detection id is made of
     * the task, its redrive count and the label's attempt, so when a crash before the acknowledgement brings the
     * delivery back and the worker repeats the move, the broker drops the second copy. (In a transaction the broker
     * would fail the whole commit instead.)
     */
    public void deadLetter(Message message, DeadLetterLabel label) {
        String duplicateId =
                "dead-letter:" + label.taskId() + ":" + TaskMessages.redrives(message) + ":" + label.attempt();
        send(deadLetterQueue, TaskMessages.priority(message), 0, context -> {
            Message copy = copyOf(context, message, Set.of());
            label.writeTo(copy);
            TaskMessages.write(
                    "dead letter", () -> copy.setStringProperty(MessageProperties.DUPLICATE_ID, duplicateId));
            return copy;
        });
    }

    /** Replaces a dead letter the caller's transaction received by a copy carrying {@code label}. */
    public void relabel(Message deadLetter, DeadLetterLabel label) {
        send(deadLetterQueue, TaskMessages.priority(deadLetter), 0, context -> {
            Message copy = copyOf(context, deadLetter, Set.of());
            label.writeTo(copy);
            return copy;
        });
    }

    /**
     * Sends a copy of a dead letter back to the task queue as the task's {@code redrives}-th redrive: without the
     * dead-letter properties, with its attempt count starting over, with a duplicate-detection id of its own
     * (the first enqueue's id would make the broker drop it), and in the current trace when there is one.
     */
    public void redrive(Message deadLetter, String taskId, int redrives) {
        redrive(deadLetter, taskId, redrives, null);
    }

    /**
     * Redrives a dead letter like {@link #redrive(Message, String, int)}, with {@code body} (a task envelope) in place
     * of its own body; {@code null} keeps the dead letter's body.
     */
    public void redrive(Message deadLetter, String taskId, int redrives, String body) {
        send(taskQueue, TaskMessages.priority(deadLetter), 0, redriven(deadLetter, taskId, redrives, body));
    }

    /**
     * Redrives a dead letter like {@link #redrive(Message, String, int)}, sending in {@code context}: a transacted
     * context of the caller's that also received the letter, so both happen in one local transaction.
     */
    public void redrive(JMSContext context, Message deadLetter, String taskId, int redrives) {
        send(context, taskQueue, TaskMessages.priority(deadLetter), 0, redriven(deadLetter, taskId, redrives, null));
    }

    /**
     * Sends a copy of a dead letter received in {@code context} (a caller's transacted one) to {@code queue}, as it
     * is: body, properties and the time it was dead-lettered (which a letter the broker moved itself reads from its
     * timestamp, so the copy carries it as a property). With {@code walk} given, the copy is a letter a walk of the
     * DLQ puts back: marked with the walk's id and sent at the lowest priority, the task's kept in a property.
     */
    public void copyDeadLetter(JMSContext context, Queue queue, Message deadLetter, String walk) {
        int priority = TaskMessages.priority(deadLetter);
        send(context, queue, walk == null ? priority : 0, 0, c -> {
            Message copy = copyOf(c, deadLetter, Set.of());
            TaskMessages.write("dead letter", () -> {
                copy.setLongProperty(MessageProperties.DEAD_LETTERED_AT, DeadLetterLabel.deadLetteredAt(deadLetter));
                if (walk != null) {
                    copy.setStringProperty(MessageProperties.DLQ_WALK, walk);
                    copy.setIntProperty(MessageProperties.PRIORITY, priority);
                }
            });
            return copy;
        });
    }

    private static Function<JMSContext, Message> redriven(
            Message deadLetter, String taskId, int redrives, String body) {
        return context -> {
            Message redriven = copyOf(context, deadLetter, DEAD_LETTER_PROPERTIES, body);
            TaskMessages.write("redriven message", () -> {
                String key = taskId == null ? deadLetter.getJMSMessageID() : taskId;
                if (taskId != null) {
                    redriven.setStringProperty(MessageProperties.TASK_ID, taskId);
                }
                redriven.setIntProperty(MessageProperties.ATTEMPT_BASE, 0);
                redriven.setIntProperty(MessageProperties.REDRIVES, redrives);
                redriven.setStringProperty(MessageProperties.DUPLICATE_ID, "redrive:" + key + ":" + redrives);
            });
            // The redriven attempts join the trace of the redrive, which an operator started; without one (a
            // redrive from code outside any trace) they stay in the trace of the first enqueue.
            TaskMessages.writeTraceContext(redriven);
            return redriven;
        };
    }

    /**
     * Sends a copy of the message back to the task queue, delivered after {@code delayMs}. {@code attemptBase} is
     * the number of attempts the task has used, so the copy continues the count instead of starting over.
     */
    public void requeue(Message message, String taskId, long delayMs, int attemptBase) {
        send(taskQueue, TaskMessages.priority(message), Math.max(0, delayMs), context -> {
            Message copy = copyOf(context, message, Set.of());
            TaskMessages.write("requeued message", () -> {
                copy.setIntProperty(MessageProperties.ATTEMPT_BASE, attemptBase);
                copy.setStringProperty(MessageProperties.TASK_ID, taskId);
            });
            return copy;
        });
    }

    /**
     * Sends the message {@code copy} makes: in the caller's transaction when there is one, else at once through a
     * long-lived plain session (the pooled XA factory outside a transaction would add a producer per send and
     * nothing else). The copy is made by the context that sends it.
     */
    private void send(Queue queue, int priority, long delayMs, Function<JMSContext, Message> copy) {
        if (transactions.getTransactionKey() != null) {
            send(jms, queue, priority, delayMs, copy);
        } else {
            directSender.send(directConnections, context -> send(context, queue, priority, delayMs, copy));
        }
    }

    private static void send(
            JMSContext context, Queue queue, int priority, long delayMs, Function<JMSContext, Message> copy) {
        context.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(priority)
                .setDeliveryDelay(delayMs)
                .send(queue, copy.apply(context));
    }

    /** Copies body and application properties except {@code dropped}; broker-internal and JMSX ones stay behind. */
    private static Message copyOf(JMSContext context, Message original, Set<String> dropped) {
        return copyOf(context, original, dropped, null);
    }

    /** Copies like {@link #copyOf(JMSContext, Message, Set)}, with {@code newBody} as a text body unless it is null. */
    private static Message copyOf(JMSContext context, Message original, Set<String> dropped, String newBody) {
        try {
            Message copy;
            if (newBody != null) {
                copy = context.createTextMessage(newBody);
            } else if (original instanceof TextMessage text) {
                copy = context.createTextMessage(text.getText());
            } else if (original instanceof BytesMessage bytes) {
                copy = context.createBytesMessage();
                byte[] body = bytes.getBody(byte[].class);
                ((BytesMessage) copy).writeBytes(body == null ? new byte[0] : body);
            } else {
                // Other body types are never deserialized here: an ObjectMessage from the queue is untrusted.
                copy = context.createMessage();
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
}
