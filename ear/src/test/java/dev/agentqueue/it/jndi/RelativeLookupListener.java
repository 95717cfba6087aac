package dev.agentqueue.it.jndi;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Probe MDB for SmokeIT: consumes the expiry queue through the relative name {@code jms/agentqueue/tasks-expiry},
 * the same form the worker MDB uses. If WildFly could not resolve it, the Artemis resource adapter would silently
 * consume an auto-created queue named after the last path segment instead, and nothing sent here would arrive.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = "jms/agentqueue/tasks-expiry"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
        })
public class RelativeLookupListener implements MessageListener {

    /** Correlation ids of the messages received, for the test to poll. */
    public static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Message message) {
        try {
            RECEIVED.add(message.getJMSCorrelationID());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
