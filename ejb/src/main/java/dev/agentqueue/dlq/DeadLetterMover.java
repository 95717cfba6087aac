package dev.agentqueue.dlq;

import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.messaging.JmsNames;
import dev.agentqueue.messaging.MessageForwarder;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.task.DeliveryExhaustion;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reaches the dead-letter queue over JMS: browses it, and takes single dead letters in its caller's transaction (an
 * edited redrive) or one of its own (a reconciliation): a concurrent mover simply does not receive a message another
 * one holds, so a letter is never taken twice. Redrives and purges by filter go through {@link StagedLetters}.
 */
@Stateless
@LocalBean
public class DeadLetterMover {

    /**
     * How long to wait for a matching message. Artemis' {@code receiveNoWait} may answer empty while a matching
     * message is still on its way to the consumer; a short wait does not.
     */
    static final long RECEIVE_TIMEOUT_MS = 250;

    private static final Logger LOG = Logger.getLogger(DeadLetterMover.class.getName());

    @Inject
    JMSContext jms;

    @Inject
    MessageForwarder forwarder;

    @Inject
    TaskStore store;

    @Inject
    DeadLetterTally tally;

    @Resource(name = JmsNames.DEAD_LETTER_QUEUE_REF)
    Queue deadLetterQueue;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    SessionContext context;

    /** Returns the dead letters matching {@code selector} ({@code null}: all) without consuming any. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<DeadLetter> browse(String selector) {
        List<DeadLetter> letters = new ArrayList<>();
        forEach(selector, letters::add);
        return letters;
    }

    /**
     * Hands each dead letter matching {@code selector} ({@code null}: all) to {@code visitor} as the browser
     * streams it, without consuming any and without holding them: the broker sends a window of messages at a time.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void forEach(String selector, Consumer<DeadLetter> visitor) {
        browse(selector, message -> {
            visitor.accept(DeadLetter.of(message));
            return true;
        });
    }

    /** Returns the dead letter of {@code taskId} as browsed, without consuming it; empty when there is none. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Message> peek(String taskId) {
        List<Message> first = new ArrayList<>(1);
        browse(selectorOf(taskId), message -> {
            first.add(message);
            return false;
        });
        return first.stream().findFirst();
    }

    /**
     * Receives the dead letter of {@code taskId} in the caller's transaction, for the caller to send on; empty when
     * there is none. Receiving is what makes a move exclusive: a concurrent redrive, edit or purge of the same letter
     * receives nothing. The letter leaves the tally once the transaction commits.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Message> take(String taskId) {
        Message message = receive(selectorOf(taskId));
        if (message != null) {
            uncountOnCommit(message);
        }
        return Optional.ofNullable(message);
    }

    /**
     * Reconciles the dead letter of {@code taskId} that the broker moved itself (it carries no error), in a
     * transaction of its own: its record becomes DEAD_LETTER with the exhaustion error unless it settled otherwise,
     * and the message is replaced by a copy labelled with the error, so the DLQ shows why. Returns what was done;
     * {@link DeliveryExhaustion.Action#NONE} also when the letter was redriven, purged or reconciled meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public DeliveryExhaustion.Action reconcileOne(String taskId, int maxDeliveryAttempts, String originAddress) {
        String selector = selectorOf(taskId) + " AND " + MessageProperties.ERROR_TYPE + " IS NULL";
        // Receiving first makes this exclusive with a concurrent redrive or purge of the same letter.
        Message message = receive(selector);
        if (message == null) {
            return DeliveryExhaustion.Action.NONE;
        }
        TaskSnapshot task = store.find(taskId).orElse(null);
        DeliveryExhaustion.Action action = DeliveryExhaustion.decide(task == null ? null : task.state());
        if (action == DeliveryExhaustion.Action.NONE) {
            context.setRollbackOnly(); // leave the message as it is
            return action;
        }
        TaskError error = action == DeliveryExhaustion.Action.LABEL && task.error() != null
                ? task.error()
                : DeliveryExhaustion.movedByBroker(maxDeliveryAttempts);
        if (action == DeliveryExhaustion.Action.DEAD_LETTER_TASK) {
            TransitionOutcome outcome = store.deadLetter(
                    taskId,
                    task.attempt(),
                    error,
                    task.state() == TaskState.RUNNING,
                    task.warnings().toString(),
                    System.currentTimeMillis());
            if (!outcome.applied()) {
                context.setRollbackOnly(); // the record moved on meanwhile: the next pass decides again
                return DeliveryExhaustion.Action.NONE;
            }
        }
        DeadLetterLabel label =
                new DeadLetterLabel(taskId, task.attempt(), task.contract(), task.agent(), error, originAddress);
        forwarder.relabel(message, label);
        // The letter moves from the group of letters the broker moved to the group of its error.
        uncountOnCommit(message);
        afterCommit(() -> tally.added(label, System.currentTimeMillis()));
        return action;
    }

    /**
     * Receives one matching message in the current transaction. One per consumer and transaction: a consumer of the
     * resource adapter's XA session was seen to get a single message and then nothing more until its transaction
     * ended, so batching inside one transaction only added waits.
     */
    private Message receive(String selector) {
        try (JMSConsumer consumer = jms.createConsumer(deadLetterQueue, selector)) {
            return consumer.receive(RECEIVE_TIMEOUT_MS);
        }
    }

    /** Hands each message matching {@code selector} to {@code visitor} while it answers true. */
    private void browse(String selector, MessageVisitor visitor) {
        try (QueueBrowser browser = jms.createBrowser(deadLetterQueue, selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            boolean more = true;
            while (more && messages.hasMoreElements()) {
                more = visitor.visit((Message) messages.nextElement());
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(
                    "Cannot browse the dead-letter queue: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private static String selectorOf(String taskId) {
        return DeadLetterFilter.ofIds(Set.of(taskId)).selector();
    }

    /** Takes the received letter out of the tally once its removal from the queue committed. */
    private void uncountOnCommit(Message message) {
        try {
            DeadLetter letter = DeadLetter.of(message);
            afterCommit(() -> tally.removed(letter));
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot read a dead letter: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private void afterCommit(Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        // The reconciler recounts when the tally drifts from the queue.
                        LOG.log(Level.WARNING, "Cannot update the dead-letter tally", e);
                    }
                }
            }
        });
    }

    /** One browsed message's handling; false stops the browsing. */
    @FunctionalInterface
    private interface MessageVisitor {
        boolean visit(Message message) throws JMSException;
    }
}
