package dev.agentqueue.dlq.edit;

import dev.agentqueue.dlq.DeadLetterConflictException;
import dev.agentqueue.dlq.DeadLetterMover;
import dev.agentqueue.dlq.NotInDeadLetterQueueException;
import dev.agentqueue.messaging.MessageForwarder;
import dev.agentqueue.messaging.TaskMessages;
import dev.agentqueue.task.PayloadChange;
import dev.agentqueue.task.TaskLog;
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
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Redrives one dead letter with an edited payload. The edit is checked first against the letter as browsed, so a bad
 * payload is refused before anything moves; then one JTA transaction takes the letter from the queue
 * ({@link DeadLetterMover#take}, exclusive with a purge or another redrive of it), sends the edited copy to the task
 * queue and records the change on the task, or does none of it.
 */
@Stateless
@LocalBean
public class DeadLetterEditor {

    private static final Logger LOG = Logger.getLogger(DeadLetterEditor.class.getName());

    @Inject
    DeadLetterMover mover;

    @Inject
    MessageForwarder forwarder;

    @Inject
    TaskStore store;

    @Inject
    EditedEnvelopes envelopes;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    SessionContext context;

    /**
     * Redrives the dead letter of {@code taskId} with the payload {@code edit} makes of its own, recording
     * {@code editor} as who changed it.
     *
     * @throws NotInDeadLetterQueueException when the task has no dead letter (also when a purge or another redrive
     *     took it meanwhile)
     * @throws DeadLetterConflictException when the task's record does not allow a redrive
     * @throws dev.agentqueue.producer.InvalidTaskException when the edited payload is refused as at enqueue
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void redrive(String taskId, PayloadEdit edit, String editor) {
        TaskSnapshot task = store.find(taskId).orElse(null);
        if (task == null || !TaskState.QUEUED.allowedSources().contains(task.state())) {
            throw new DeadLetterConflictException(Set.of(taskId));
        }
        Message letter = mover.peek(taskId).orElseThrow(() -> new NotInDeadLetterQueueException(Set.of(taskId)));
        envelopes.edit(textOf(letter), taskId, edit); // refuses a bad edit before anything moves
        if (!context.getBusinessObject(DeadLetterEditor.class).moveEdited(taskId, edit, editor)) {
            throw new NotInDeadLetterQueueException(Set.of(taskId));
        }
    }

    /**
     * Receives the dead letter of {@code taskId} and sends its edited copy to the task queue, in a transaction of its
     * own; tells whether the letter was still there.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean moveEdited(String taskId, PayloadEdit edit, String editor) {
        Message message = mover.take(taskId).orElse(null);
        if (message == null) {
            return false;
        }
        EditedEnvelopes.Edited edited = envelopes.edit(textOf(message), taskId, edit);
        PayloadChange change = new PayloadChange(
                editor,
                edit.kind(),
                edited.previousPayload(),
                edited.envelope().payload().toString());
        forwarder.redrive(message, taskId, TaskMessages.redrives(message) + 1, edited.body());
        long now = System.currentTimeMillis();
        TransitionOutcome outcome = store.redriveEdited(taskId, change, now);
        if (!outcome.applied()) {
            context.setRollbackOnly();
            throw new DeadLetterConflictException(Set.of(taskId));
        }
        transactions.registerInterposedSynchronization(new UndoOnRollback(store, taskId, change));
        LOG.info(() -> TaskLog.of(taskId, edited.envelope().contract()) + " redriven with its payload changed ("
                + edit.kind() + ") by " + editor);
        return true;
    }

    private static String textOf(Message message) {
        try {
            if (message instanceof TextMessage text) {
                return text.getText();
            }
            return null; // EditedEnvelopes refuses it: only a JSON envelope can be edited
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot read a dead letter: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Gives the record its state and payload back when the transaction that redrove it rolled back. */
    private record UndoOnRollback(TaskStore store, String taskId, PayloadChange change) implements Synchronization {
        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                store.undoRedriveEdited(taskId, change, System.currentTimeMillis());
                LOG.warning(
                        () -> "Task(id=" + taskId + ") edited redrive rolled back; its record is DEAD_LETTER again");
            }
        }
    }
}
