package dev.agentqueue.worker;

import dev.agentqueue.envelope.JmsNames;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The worker: consumes task messages in a container-managed transaction and hands each to {@link TaskWorker}.
 * Redelivery delay, backoff and attempt limits are the broker's address-settings, not code. Concurrency is
 * {@code maxSession} (overridable per server in {@code jboss-ejb3.xml}).
 */
@MessageDriven(
        name = "TaskWorkerBean",
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.TASK_QUEUE_LOOKUP),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
        })
public class TaskWorkerBean implements MessageListener {

    @Inject
    TaskWorker worker;

    @Resource
    MessageDrivenContext context;

    @Inject
    InFlightAttempts inFlight;

    @Override
    public void onMessage(Message message) {
        inFlight.deliveryStarted();
        try {
            if (worker.process(message) == Disposition.ROLLBACK) {
                context.setRollbackOnly();
            }
        } finally {
            inFlight.deliveryEnded();
        }
    }
}
