package dev.agentqueue.dlq;

import dev.agentqueue.messaging.DirectSender;
import dev.agentqueue.messaging.JmsNames;
import dev.agentqueue.messaging.MessageForwarder;
import dev.agentqueue.messaging.TaskMessages;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes the dead letters a redrive or purge by filter moved aside (by a walk of the queue or the broker's own move,
 * both of which reach letters paged to disk; see {@link FilterMoves}) on to where they go, a batch per local JMS transaction: redriven ones back to the task queue,
 * purged ones nowhere. A staging queue holds only letters an operator chose, one batch or so, all in memory, so a
 * plain consumer without a selector sees every one. Task records change before the commit (a worker never meets a
 * redriven message whose record still says {@code DEAD_LETTER}) and are undone if it fails; the letters leave the
 * tally after it, each exactly once, since only one consumer receives a message.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StagedLetters {

    /** The wait for the first letter: the broker's move has committed, but the letters may still be on their way. */
    static final long FIRST_WAIT_MS = 250;

    /** The wait for each further letter; the consumer's buffer usually has it already. */
    static final long NEXT_WAIT_MS = 50;

    private static final Logger LOG = Logger.getLogger(StagedLetters.class.getName());

    @Resource(name = JmsNames.DIRECT_CONNECTION_FACTORY_REF)
    ConnectionFactory directConnections;

    @Resource(name = JmsNames.REDRIVING_QUEUE_REF)
    Queue redriving;

    @Resource(name = JmsNames.PURGING_QUEUE_REF)
    Queue purging;

    @Inject
    DirectSender sender;

    @Inject
    MessageForwarder forwarder;

    @Inject
    TaskStore store;

    @Inject
    DeadLetterTally tally;

    /**
     * Sends a copy of {@code letter}, received from the dead-letter queue in {@code context} (a caller's transacted
     * one), to the staging queue of a redrive ({@code redrive}) or a purge, to be taken on after the commit.
     */
    public void stage(JMSContext context, Message letter, boolean redrive) {
        forwarder.copyDeadLetter(context, redrive ? redriving : purging, letter, null);
    }

    /**
     * Redrives up to {@code max} letters waiting to be redriven, in one transaction; returns the task ids of the
     * letters it redrove ({@code null} for a message without a task).
     */
    public List<String> redrive(int max) {
        long now = System.currentTimeMillis();
        List<String> applied = new ArrayList<>();
        Batch batch = new Batch();
        try {
            sender.sendTransacted(
                    directConnections,
                    context -> batch.take(context, redriving, max, message -> {
                        String taskId = TaskMessages.taskId(message);
                        forwarder.redrive(context, message, taskId, TaskMessages.redrives(message) + 1);
                        if (taskId == null) {
                            return; // a raw message without a task: the worker creates the record
                        }
                        TransitionOutcome outcome = store.redrive(taskId, now);
                        if (outcome.applied()) {
                            applied.add(taskId);
                        } else if (outcome.result() != TransitionOutcome.Result.MISSING) {
                            // A settled task (completed, cancelled) is not run again: the worker drops its message.
                            LOG.warning(() ->
                                    "Task(id=" + taskId + ") redriven while its record is " + outcome.previousState());
                        }
                    }));
        } catch (RuntimeException e) {
            applied.forEach(id -> store.undoRedrive(id, System.currentTimeMillis()));
            LOG.warning(() -> "A redrive of " + batch.letters.size() + " staged letters rolled back; their records"
                    + " are DEAD_LETTER again and the letters wait for the next try");
            throw e;
        }
        return batch.uncount();
    }

    /** Purges up to {@code max} letters waiting to be purged, in one transaction; returns their task ids. */
    public List<String> purge(int max) {
        long now = System.currentTimeMillis();
        Batch batch = new Batch();
        // A failed commit leaves the records PURGED and the letters staged: the next try purges them again.
        sender.sendTransacted(
                directConnections,
                context -> batch.take(context, purging, max, message -> {
                    String taskId = TaskMessages.taskId(message);
                    if (taskId != null) {
                        TransitionOutcome outcome = store.purge(taskId, now);
                        if (!outcome.applied() && outcome.result() != TransitionOutcome.Result.MISSING) {
                            LOG.warning(() -> "Task(id=" + taskId + ") purged from the DLQ while its record is "
                                    + outcome.previousState());
                        }
                    }
                }));
        return batch.uncount();
    }

    /** The letters one transaction received, to be uncounted once it committed. */
    private final class Batch {
        private final List<DeadLetter> letters = new ArrayList<>();

        /**
         * Receives up to {@code max} messages of {@code queue} in {@code context} and hands each to {@code action}.
         * The consumer closes with the context, after the commit.
         */
        void take(JMSContext context, Queue queue, int max, LetterAction action) {
            JMSConsumer consumer = context.createConsumer(queue);
            Message message = consumer.receive(FIRST_WAIT_MS);
            while (message != null) {
                try {
                    letters.add(DeadLetter.of(message));
                } catch (JMSException e) {
                    throw new JMSRuntimeException("Cannot read a dead letter: " + e.getMessage(), e.getErrorCode(), e);
                }
                action.act(message);
                message = letters.size() < max ? consumer.receive(NEXT_WAIT_MS) : null;
            }
        }

        List<String> uncount() {
            List<String> taskIds = new ArrayList<>(letters.size());
            for (DeadLetter letter : letters) {
                taskIds.add(letter.taskId());
                try {
                    tally.removed(letter);
                } catch (RuntimeException e) {
                    // The reconciler recounts when the tally drifts from the queue.
                    LOG.log(Level.WARNING, "Cannot update the dead-letter tally", e);
                }
            }
            return taskIds;
        }
    }

    @FunctionalInterface
    private interface LetterAction {
        void act(Message message);
    }
}
