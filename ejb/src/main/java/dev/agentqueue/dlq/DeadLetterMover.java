package dev.agentqueue.dlq;

import dev.agentqueue.envelope.JmsNames;
import dev.agentqueue.envelope.MessageProperties;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import dev.agentqueue.worker.MessageForwarder;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
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
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Moves dead letters in batches, each batch one JTA transaction: the messages are consumed from the DLQ (by
 * selector) and, for a redrive, sent to the task queue in the same transaction, so a message is never lost or
 * duplicated; a concurrent mover simply does not receive a message another one holds. Task records are updated
 * before the commit, so a worker never sees a redriven message whose record still says {@code DEAD_LETTER}; a
 * rollback puts them back.
 */
@Stateless
@LocalBean
public class DeadLetterMover {

    /** Most messages moved per transaction. */
    public static final int BATCH = 100;

    private static final Logger LOG = Logger.getLogger(DeadLetterMover.class.getName());

    @Inject
    JMSContext jms;

    @Inject
    MessageForwarder forwarder;

    @Inject
    TaskStore store;

    @Resource(name = JmsNames.DEAD_LETTER_QUEUE_REF)
    Queue deadLetterQueue;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Moves up to {@code max} dead letters matching {@code selector} back to the task queue with a fresh delivery
     * count, and returns how many it moved (0 when none are left).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int redriveBatch(String selector, int max) {
        List<String> redriven = new ArrayList<>();
        int moved = 0;
        long now = System.currentTimeMillis();
        try (JMSConsumer consumer = jms.createConsumer(deadLetterQueue, selector)) {
            Message message;
            while (moved < max && (message = consumer.receiveNoWait()) != null) {
                String taskId = taskIdOf(message);
                forwarder.redrive(message, taskId, intProperty(message, MessageProperties.REDRIVES) + 1);
                moved++;
                if (taskId == null) {
                    continue; // a raw message without a task: the worker creates the record when it runs
                }
                TransitionOutcome outcome = store.redrive(taskId, now);
                if (outcome.applied()) {
                    redriven.add(taskId);
                } else if (outcome.result() != TransitionOutcome.Result.MISSING) {
                    // A settled task (completed, cancelled) is not run again: the worker drops its message.
                    LOG.warning(
                            () -> "Task(id=" + taskId + ") redriven while its record is " + outcome.previousState());
                }
            }
        }
        undoOnRollback(redriven);
        return moved;
    }

    /**
     * Removes up to {@code max} dead letters matching {@code selector}, marks their tasks {@code PURGED}, and
     * returns how many it removed (0 when none are left).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purgeBatch(String selector, int max) {
        int purged = 0;
        long now = System.currentTimeMillis();
        try (JMSConsumer consumer = jms.createConsumer(deadLetterQueue, selector)) {
            Message message;
            while (purged < max && (message = consumer.receiveNoWait()) != null) {
                String taskId = taskIdOf(message);
                purged++;
                if (taskId != null) {
                    TransitionOutcome outcome = store.purge(taskId, now);
                    if (!outcome.applied() && outcome.result() != TransitionOutcome.Result.MISSING) {
                        LOG.warning(() -> "Task(id=" + taskId + ") purged from the DLQ while its record is "
                                + outcome.previousState());
                    }
                }
            }
        }
        return purged;
    }

    private void undoOnRollback(List<String> redriven) {
        if (redriven.isEmpty()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    long now = System.currentTimeMillis();
                    redriven.forEach(id -> store.undoRedrive(id, now));
                    LOG.warning(
                            () -> "A redrive of " + redriven.size() + " dead letters rolled back; records restored");
                }
            }
        });
    }

    private static String taskIdOf(Message message) {
        try {
            return message.getStringProperty(MessageProperties.TASK_ID);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot read dead letter: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private static int intProperty(Message message, String name) {
        try {
            return message.propertyExists(name) ? message.getIntProperty(name) : 0;
        } catch (JMSException e) {
            return 0;
        }
    }
}
