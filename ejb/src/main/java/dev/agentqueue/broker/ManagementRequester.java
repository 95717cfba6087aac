package dev.agentqueue.broker;

import dev.agentqueue.support.Durations;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonValue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends management messages to a remote Artemis broker and waits for their replies: plain JMS text messages to the
 * broker's management address, with the resource, the operation or attribute and the parameters as Artemis'
 * management protocol names them, answered on a temporary queue. One connection serves all requests, one at a time;
 * any failure closes it, so a late reply to an abandoned request never answers the next one.
 */
@ApplicationScoped
public class ManagementRequester {

    /** The message properties of Artemis' management protocol (its {@code ManagementHelper}). */
    static final String RESOURCE = "_AMQ_ResourceName";

    static final String OPERATION = "_AMQ_OperationName";
    static final String ATTRIBUTE = "_AMQ_Attribute";
    static final String SUCCEEDED = "_AMQ_OperationSucceeded";

    @Inject
    @ConfigProperty(name = "agentqueue.broker.management.connection-factory", defaultValue = "java:/ConnectionFactory")
    String connectionFactoryName;

    @Inject
    @ConfigProperty(
            name = "agentqueue.broker.management.queue",
            defaultValue = "java:/jms/agentqueue/broker-management")
    String managementQueueName;

    /** How long a reply may take once the request is sent. */
    @Inject
    @ConfigProperty(name = "agentqueue.broker.management.reply-timeout", defaultValue = "2s")
    String replyTimeout;

    @Inject
    BrokerLogin login;

    private final ReentrantLock lock = new ReentrantLock();
    private Channel channel;

    /** Invokes operation {@code operation} of resource {@code resource} with JSON-encoded parameters; returns its result. */
    JsonValue invoke(String resource, String operation, String parametersJson) {
        return request(resource, OPERATION, operation, parametersJson);
    }

    /** Returns the value of attribute {@code attribute} of resource {@code resource}. */
    JsonValue attribute(String resource, String attribute) {
        return request(resource, ATTRIBUTE, attribute, "[]");
    }

    private JsonValue request(String resource, String kind, String name, String body) {
        String what = resource + " " + name;
        long timeoutMs = Durations.parse(replyTimeout).toMillis();
        try {
            if (!lock.tryLock(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new BrokerUnavailableException(what + ": another management request is still waiting", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException(what + ": interrupted", e);
        }
        try {
            Channel current = channel != null ? channel : (channel = open());
            TextMessage request = current.context.createTextMessage(body);
            request.setStringProperty(RESOURCE, resource);
            request.setStringProperty(kind, name);
            request.setJMSReplyTo(current.replies);
            current.context.createProducer().send(current.managementQueue, request);
            Message reply = current.consumer.receive(timeoutMs);
            if (reply == null) {
                throw new BrokerUnavailableException(what + ": no reply within " + replyTimeout, null);
            }
            return ManagementReply.result(what, reply.getBooleanProperty(SUCCEEDED), reply.getBody(String.class));
        } catch (JMSException | JMSRuntimeException | BrokerUnavailableException e) {
            closeChannel();
            throw e instanceof BrokerUnavailableException b
                    ? b
                    : new BrokerUnavailableException(what + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private Channel open() {
        try {
            InitialContext naming = new InitialContext();
            ConnectionFactory factory = (ConnectionFactory) naming.lookup(connectionFactoryName);
            Queue managementQueue = (Queue) naming.lookup(managementQueueName);
            JMSContext context = login.open(factory, JMSContext.AUTO_ACKNOWLEDGE);
            try {
                TemporaryQueue replies = context.createTemporaryQueue();
                return new Channel(context, managementQueue, replies, context.createConsumer(replies));
            } catch (JMSRuntimeException e) {
                context.close();
                throw e;
            }
        } catch (NamingException e) {
            throw new BrokerUnavailableException(
                    "Cannot look up " + connectionFactoryName + " or " + managementQueueName
                            + "; is server-config/wildfly/configure-remote-broker.cli applied?",
                    e);
        }
    }

    @PreDestroy
    void closeChannel() {
        if (channel != null) {
            try {
                channel.context.close();
            } catch (JMSRuntimeException e) {
                // Already broken; nothing else holds on to it.
            }
            channel = null;
        }
    }

    private record Channel(JMSContext context, Queue managementQueue, TemporaryQueue replies, JMSConsumer consumer) {}
}
