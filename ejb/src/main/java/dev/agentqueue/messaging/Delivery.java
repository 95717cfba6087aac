package dev.agentqueue.messaging;

import jakarta.jms.Message;

/**
 * One delivery of a task message: the message, the task it is about, and the attempt it represents. Either its
 * envelope was decoded, or the message is poison and {@code malformed} says why.
 */
public record Delivery(
        Message message, String taskId, int attempt, TaskEnvelope envelope, MalformedEnvelopeException malformed) {

    public boolean isPoison() {
        return envelope == null;
    }

    public String contract() {
        return envelope == null ? "unknown" : envelope.contract();
    }

    /** Returns the agent the envelope names, or {@code null}. */
    public String agent() {
        return envelope == null ? null : envelope.agent();
    }

    /** Returns the one log format for a task: {@code Task(id=…, contract=…, attempt=…)}. */
    @Override
    public String toString() {
        return "Task(id=" + taskId + ", contract=" + contract() + ", attempt=" + attempt + ")";
    }
}
