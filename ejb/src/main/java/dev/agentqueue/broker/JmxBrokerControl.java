package dev.agentqueue.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Manages the broker embedded in the application server through its MBeans in the platform MBean server (WildFly
 * registers them when the messaging server has jmx-management-enabled, which configure.cli sets).
 */
@ApplicationScoped
@Typed(JmxBrokerControl.class)
public class JmxBrokerControl implements BrokerControl {

    private static final String DOMAIN = "org.apache.activemq.artemis";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public String addressSettingsAsJson(String address) {
        try {
            return String.valueOf(
                    server.invoke(brokerName(), "getAddressSettingsAsJSON", new Object[] {address}, new String[] {
                        String.class.getName()
                    }));
        } catch (JMException e) {
            throw new BrokerUnavailableException("Cannot read the address-settings of " + address, e);
        }
    }

    @Override
    public QueueStats queueStats(String queue) {
        ObjectName name = queueName(queue);
        try {
            boolean paused = Boolean.TRUE.equals(server.getAttribute(name, "Paused"));
            return QueueStats.read(queue, attribute -> number(name, attribute), paused);
        } catch (JMException e) {
            throw new BrokerUnavailableException("Cannot read queue " + queue + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long messageCount(String queue) {
        return number(queueName(queue), "MessageCount");
    }

    @Override
    public Set<String> scheduledOrDelivering(String queue, String property) {
        ObjectName name = queueName(queue);
        Set<String> values = new HashSet<>();
        try {
            collect(values, property, (Map<?, ?>[]) server.invoke(name, "listScheduledMessages", null, null));
            Map<?, ?> byConsumer = (Map<?, ?>) server.invoke(name, "listDeliveringMessages", null, null);
            for (Object messages : byConsumer.values()) {
                collect(values, property, (Map<?, ?>[]) messages);
            }
        } catch (JMException | ClassCastException e) {
            throw new BrokerUnavailableException(
                    "Cannot list the scheduled and delivering messages of " + queue + ": " + e.getMessage(), e);
        }
        return values;
    }

    @Override
    public int moveMessages(String queue, String filter, String toQueue, int max) {
        String flushAt = int.class.getName();
        try {
            Object moved = server.invoke(
                    queueName(queue), "moveMessages", new Object[] {max, filter, toQueue, false, max}, new String[] {
                        flushAt, String.class.getName(), String.class.getName(), boolean.class.getName(), flushAt
                    });
            return moved instanceof Number n ? n.intValue() : 0;
        } catch (JMException e) {
            throw new BrokerUnavailableException(
                    "Cannot move messages from " + queue + " to " + toQueue + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pause(String queue) {
        invokeOnQueue(queue, "pause");
    }

    @Override
    public void resume(String queue) {
        invokeOnQueue(queue, "resume");
    }

    private static void collect(Set<String> values, String property, Map<?, ?>[] messages) {
        for (Map<?, ?> message : messages == null ? new Map<?, ?>[0] : messages) {
            Object value = message.get(property);
            if (value != null) {
                values.add(value.toString());
            }
        }
    }

    private long number(ObjectName name, String attribute) {
        try {
            Object value = server.getAttribute(name, attribute);
            return value instanceof Number n ? n.longValue() : 0;
        } catch (JMException e) {
            throw new BrokerUnavailableException("Cannot read " + attribute + " of " + name + ": " + e.getMessage(), e);
        }
    }

    private void invokeOnQueue(String queue, String operation) {
        try {
            server.invoke(queueName(queue), operation, new Object[0], new String[0]);
        } catch (JMException e) {
            throw new BrokerUnavailableException("Queue operation " + operation + " failed: " + e.getMessage(), e);
        }
    }

    private ObjectName brokerName() {
        Set<ObjectName> names = server.queryNames(pattern(DOMAIN + ":broker=*"), null);
        if (names.isEmpty()) {
            throw new BrokerUnavailableException(
                    "No Artemis broker MBean is registered; is JMX management enabled"
                            + " on the messaging server (jmx-management-enabled=true)?",
                    null);
        }
        return names.iterator().next();
    }

    private ObjectName queueName(String queue) {
        String quoted = ObjectName.quote(queue);
        Set<ObjectName> names = server.queryNames(
                pattern(DOMAIN + ":component=addresses,address=" + quoted + ",subcomponent=queues,queue=" + quoted
                        + ",*"),
                null);
        if (names.isEmpty()) {
            throw new BrokerUnavailableException(
                    "No queue MBean for " + queue + "; is the queue created and JMX management enabled?", null);
        }
        return names.iterator().next();
    }

    private static ObjectName pattern(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
