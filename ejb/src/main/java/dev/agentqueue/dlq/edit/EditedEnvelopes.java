package dev.agentqueue.dlq.edit;

import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.MalformedEnvelopeException;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.producer.InvalidTaskException;
import dev.agentqueue.producer.RequestValidator;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.TaskLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** Applies an edit to a dead letter's envelope and checks the new payload as the producer checks one at enqueue. */
@ApplicationScoped
public class EditedEnvelopes {

    @Inject
    RequestValidator validator;

    @Inject
    TaskLimits limits;

    /** A dead letter's envelope after an edit, its new body, and its payload before, as JSON text. */
    public record Edited(TaskEnvelope envelope, String body, String previousPayload) {}

    /**
     * Returns the envelope {@code body} becomes with {@code edit} applied to its payload.
     *
     * @throws InvalidTaskException when the body is no task envelope or the new payload is refused
     */
    public Edited edit(String body, String taskId, PayloadEdit edit) {
        TaskEnvelope before = decode(body, taskId);
        JsonObject payload = edit.apply(before.payload());
        validator.validate(TaskRequest.builder(before.contract())
                .agent(before.agent())
                .payload(payload.toString())
                .priority(before.priority())
                .build());
        TaskEnvelope after = new TaskEnvelope(
                before.id(),
                before.contract(),
                before.agent(),
                payload,
                before.priority(),
                before.correlationId(),
                before.idempotencyKey(),
                before.timeoutMs(),
                before.createdAt(),
                before.concurrencyKey(),
                before.callbackUrl());
        return new Edited(after, EnvelopeCodec.encode(after), before.payload().toString());
    }

    private TaskEnvelope decode(String body, String taskId) {
        if (body == null) {
            throw new InvalidTaskException("payload", "the dead letter has no JSON envelope to edit");
        }
        try {
            return EnvelopeCodec.decode(
                    body,
                    taskId,
                    System.currentTimeMillis(),
                    limits.defaultTimeout().toMillis());
        } catch (MalformedEnvelopeException e) {
            throw new InvalidTaskException("payload", "the dead letter's envelope cannot be edited: " + e.getMessage());
        }
    }
}
