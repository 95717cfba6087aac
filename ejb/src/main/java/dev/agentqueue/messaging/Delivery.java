package dev.agentqueue.messaging;

import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskLog;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * One delivery of a task message: the message, the task it is about, and the attempt it represents. Either its
 * envelope was decoded, or the message is poison and {@code malformed} says why.
 */
public record Delivery(
        Message message, String taskId, int attempt, TaskEnvelope envelope, MalformedEnvelopeException malformed) {

    /**
     * Reads a delivered message. The attempt continues the count a re-sent copy carries; a task that is not a usable
     * version 1 envelope becomes a poison delivery, under the id its body names if any, else one made from the
     * message id. A missing timeout in the envelope is {@code defaultTimeoutMs}.
     */
    public static Delivery read(Message message, long defaultTimeoutMs) {
        int base = TaskMessages.intProperty(message, MessageProperties.ATTEMPT_BASE, 0);
        int attempt = base + Math.max(1, TaskMessages.intProperty(message, MessageProperties.DELIVERY_COUNT, 1));
        String fallbackId = TaskIds.fromMessageId(TaskMessages.messageId(message));
        String body = null;
        try {
            if (!(message instanceof TextMessage text)) {
                throw new MalformedEnvelopeException("Message is a "
                        + message.getClass().getSimpleName() + ", not a TextMessage with a JSON envelope");
            }
            body = text.getText();
            int version = TaskMessages.intProperty(message, MessageProperties.VERSION, -1);
            if (version != MessageProperties.CURRENT_VERSION) {
                throw new MalformedEnvelopeException("Message property " + MessageProperties.VERSION + " is "
                        + (version < 0 ? "missing or not an integer" : version) + "; expected "
                        + MessageProperties.CURRENT_VERSION);
            }
            TaskEnvelope envelope =
                    EnvelopeCodec.decode(body, fallbackId, TaskMessages.timestamp(message), defaultTimeoutMs);
            return new Delivery(message, envelope.id(), attempt, envelope, null);
        } catch (MalformedEnvelopeException e) {
            String id = body == null ? null : EnvelopeCodec.idIn(body);
            return new Delivery(message, id == null ? fallbackId : id, attempt, null, e);
        } catch (JMSException e) {
            return new Delivery(
                    message,
                    fallbackId,
                    attempt,
                    null,
                    new MalformedEnvelopeException("Message body cannot be read: " + e.getMessage(), e));
        }
    }

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

    /** Returns the id of the flow this task is a step of, or null when it is no flow's step. */
    public String flowId() {
        return TaskMessages.stringProperty(message, MessageProperties.FLOW_ID);
    }

    /** Returns the name of the flow step this task runs, or null when it is no flow's step. */
    public String flowStep() {
        return TaskMessages.stringProperty(message, MessageProperties.FLOW_STEP);
    }

    /** Returns how many times an operator has redriven the task. */
    public int redrives() {
        return TaskMessages.redrives(message);
    }

    /**
     * Returns the record to create for a task the store does not know (a plain JMS message, or an enqueue whose
     * provisional record expired): from the envelope, or for a poison message from what the message itself says.
     */
    public NewTask newTask(int maxAttempts, long defaultTimeoutMs) {
        TaskEnvelope e = envelope;
        if (e == null) {
            return new NewTask(
                    taskId,
                    contract(),
                    null,
                    "{}",
                    TaskMessages.priority(message),
                    null,
                    null,
                    defaultTimeoutMs,
                    TaskMessages.timestamp(message),
                    maxAttempts,
                    NewTask.NO_DELAY,
                    null,
                    null);
        }
        return new NewTask(
                e.id(),
                e.contract(),
                e.agent(),
                e.payload().toString(),
                e.priority(),
                e.correlationId(),
                e.idempotencyKey(),
                e.timeoutMs(),
                e.createdAt(),
                maxAttempts,
                NewTask.NO_DELAY,
                e.concurrencyKey(),
                e.callbackUrl());
    }

    /** Returns the one log format for a task: {@code Task(id=…, contract=…, attempt=…)}. */
    @Override
    public String toString() {
        return TaskLog.of(taskId, contract(), attempt);
    }
}
