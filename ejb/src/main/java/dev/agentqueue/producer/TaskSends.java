package dev.agentqueue.producer;

import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.messaging.TaskMessages;
import dev.agentqueue.task.NewTask;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/** How a task's message is made and sent: its envelope, its labels and a persistent send at its priority. */
final class TaskSends {

    private TaskSends() {}

    static TaskEnvelope envelopeOf(NewTask task, JsonObject payload) {
        return new TaskEnvelope(
                task.id(),
                task.contract(),
                task.agent(),
                payload,
                task.priority(),
                task.correlationId(),
                task.idempotencyKey(),
                task.timeoutMs(),
                task.createdAt(),
                task.concurrencyKey(),
                task.callbackUrl());
    }

    static void send(JMSContext jms, Queue queue, NewTask task, String body, Duration delay, Label label) {
        TextMessage message = jms.createTextMessage(body);
        TaskMessages.label(message, task.id(), task.correlationId(), label.duplicateId(), label.attemptBase());
        if (!label.properties().isEmpty()) {
            TaskMessages.addProperties(message, label.properties());
        }
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(task.priority())
                .setDeliveryDelay(delay.toMillis())
                .send(queue, message);
    }

    /**
     * What tells one send of a task's message from another: its duplicate-detection id and attempt base, and any
     * further string properties it carries.
     */
    record Label(String duplicateId, int attemptBase, Map<String, String> properties) {}
}
