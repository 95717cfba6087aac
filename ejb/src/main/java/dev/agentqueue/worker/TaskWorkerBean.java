package dev.agentqueue.worker;

import dev.agentqueue.messaging.JmsNames;
import dev.agentqueue.messaging.TaskMessages;
import dev.agentqueue.trace.TaskSpans;
import dev.agentqueue.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The worker: consumes task messages and hands each to {@link TaskWorker}. Redelivery delay, backoff and attempt
 * limits are the broker's address-settings, not code. Concurrency is {@code maxSession} (overridable per server in
 * {@code jboss-ejb3.xml}). Each delivery is a span in the trace its message carries.
 *
 * <p>Deliveries run without a JTA transaction: the resource adapter acknowledges the message after
 * {@code onMessage} returns, and rolls it back to the broker when it throws. Every step of a delivery is idempotent
 * against the task record in Redis, so an acknowledgement lost in a crash only brings the message back to a worker
 * that sees the task settled (README, "Why deliveries are not transactions").
 */
@MessageDriven(
        name = "TaskWorkerBean",
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.TASK_QUEUE_LOOKUP),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TaskWorkerBean implements MessageListener {

    @Inject
    TaskWorker worker;

    @Inject
    InFlightAttempts inFlight;

    @Override
    public void onMessage(Message message) {
        inFlight.deliveryStarted();
        Span span = Tracing.span(TaskSpans.ATTEMPT, SpanKind.CONSUMER)
                .setParent(TaskMessages.traceContext(message))
                .startSpan();
        try {
            Tracing.within(span, () -> {
                if (worker.process(message) == Disposition.REDELIVER) {
                    throw new RedeliveryRequested("the worker asked the broker to redeliver this task message later");
                }
                return null;
            });
        } finally {
            inFlight.deliveryEnded();
        }
    }
}
