package dev.agentqueue.dlq.triage;

import dev.agentqueue.dlq.edit.DeadLetterEditor;
import dev.agentqueue.dlq.edit.PayloadEdit;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The operator's view of dead-letter triage for in-house tools (by its portable JNDI name) and for the REST API: edit a
 * dead letter's payload as it is redriven, and note, mark as under investigation, or mute a group of dead letters.
 * Each change names its {@code actor}, the operator it is recorded against; callers check that the actor may make
 * it (the REST API admits admins only). Bad input is refused with {@link InvalidTriageException} or
 * {@link dev.agentqueue.producer.InvalidTaskException}.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterConsole {

    @Inject
    DeadLetterEditor editor;

    @Inject
    GroupTriage triage;

    /**
     * Redrives the dead letter of {@code taskId} with the payload {@code edit} makes of it, checked as at enqueue.
     *
     * @throws dev.agentqueue.dlq.NotInDeadLetterQueueException when the task has no dead letter; nothing changed
     * @throws dev.agentqueue.dlq.DeadLetterConflictException when its record allows no redrive; nothing changed
     * @throws dev.agentqueue.producer.InvalidTaskException when the new payload is refused; nothing changed
     */
    public void redriveEdited(String taskId, PayloadEdit edit, String actor) {
        editor.redrive(taskId, edit, actor);
    }

    /** Returns the triage state of the group {@code fingerprint}. */
    public TriageState group(String fingerprint) {
        return triage.find(fingerprint);
    }

    /** Returns every group with a note, an investigation mark or a mute. */
    public List<TriageState> triagedGroups() {
        return triage.triaged();
    }

    /** Sets the group's note (blank: removes it). */
    public TriageState note(String fingerprint, String note, String actor) {
        return triage.note(fingerprint, note, actor);
    }

    /** Marks the group as under investigation by {@code actor}. */
    public TriageState investigate(String fingerprint, String actor) {
        return triage.investigate(fingerprint, actor);
    }

    /** Takes the investigation mark off the group. */
    public TriageState stopInvestigating(String fingerprint) {
        return triage.stopInvestigating(fingerprint);
    }

    /** Mutes the group: its letters land but raise no alert. */
    public TriageState mute(String fingerprint, String actor) {
        return triage.mute(fingerprint, actor);
    }

    /** Lets the group alert again. */
    public TriageState unmute(String fingerprint) {
        return triage.unmute(fingerprint);
    }
}
