package dev.agentqueue.broker;

import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the broker through ActiveMQ Artemis' management MBeans: the task queue's address-settings (so a change in
 * the server console applies to the next delivery, without a redeploy) and queue counters.
 */
@ApplicationScoped
public class BrokerManagement {

    private static final Logger LOG = Logger.getLogger(BrokerManagement.class.getName());
    private static final String DOMAIN = "org.apache.activemq.artemis";
    /** How long address-settings are reused on the hot path; failures always read them afresh. */
    private static final long SETTINGS_CACHE_NANOS = 1_000_000_000L;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.task-address", defaultValue = "jms.queue.AgentQueueTasks")
    String taskAddress;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.dead-letter-address", defaultValue = "jms.queue.AgentQueueTasksDLQ")
    String deadLetterAddress;

    private static final long DEPTH_CACHE_NANOS = 500_000_000L;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private volatile CachedSettings cached;
    private volatile boolean warnedUnavailable;
    private volatile CachedDepth cachedDepth;

    /** Returns the redelivery settings, reusing a reading up to a second old. */
    public RedeliverySettings redelivery() {
        CachedSettings current = cached;
        if (current == null || System.nanoTime() - current.readAt > SETTINGS_CACHE_NANOS) {
            return freshRedelivery();
        }
        return current.settings;
    }

    /** Reads the redelivery settings from the broker now; falls back to the defaults if it cannot be asked. */
    public RedeliverySettings freshRedelivery() {
        RedeliverySettings settings;
        try {
            settings = parseAddressSettings(invokeOnBroker("getAddressSettingsAsJSON", taskAddress));
        } catch (BrokerUnavailableException e) {
            if (!warnedUnavailable) {
                warnedUnavailable = true;
                LOG.log(
                        Level.WARNING,
                        "Cannot read address-settings of " + taskAddress + " from the broker; using defaults "
                                + RedeliverySettings.DEFAULTS,
                        e);
            }
            settings = RedeliverySettings.DEFAULTS;
        }
        cached = new CachedSettings(settings, System.nanoTime());
        return settings;
    }

    /**
     * Returns the number of messages in the task queue (ready, scheduled and in delivery), reusing a reading up to
     * half a second old; empty when the broker cannot be asked.
     */
    public OptionalLong taskQueueDepth() {
        CachedDepth current = cachedDepth;
        if (current != null && System.nanoTime() - current.readAt < DEPTH_CACHE_NANOS) {
            return OptionalLong.of(current.depth);
        }
        try {
            long depth = number(queueName(taskAddress), "MessageCount");
            cachedDepth = new CachedDepth(depth, System.nanoTime());
            return OptionalLong.of(depth);
        } catch (JMException | BrokerUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    /** Returns the counters of the task queue. */
    public QueueStats taskQueue() {
        return queueStats(taskAddress);
    }

    /** Returns the counters of the task dead-letter queue. */
    public QueueStats deadLetterQueue() {
        return queueStats(deadLetterAddress);
    }

    /** Returns the broker address of the task queue. */
    public String taskAddress() {
        return taskAddress;
    }

    /** Returns the broker address of the dead-letter queue. */
    public String deadLetterAddress() {
        return deadLetterAddress;
    }

    /**
     * Returns the values of message property {@code property} on the task queue's scheduled messages and on those
     * being delivered to consumers: the two kinds a queue browser does not see. Reads every scheduled message's
     * headers, once.
     */
    public Set<String> scheduledOrDelivering(String property) {
        ObjectName queue = queueName(taskAddress);
        Set<String> values = new HashSet<>();
        try {
            collect(values, property, (Map<?, ?>[]) server.invoke(queue, "listScheduledMessages", null, null));
            Map<?, ?> byConsumer = (Map<?, ?>) server.invoke(queue, "listDeliveringMessages", null, null);
            for (Object messages : byConsumer.values()) {
                collect(values, property, (Map<?, ?>[]) messages);
            }
        } catch (JMException | ClassCastException e) {
            throw new BrokerUnavailableException(
                    "Cannot list the task queue's scheduled and delivering messages: " + e.getMessage(), e);
        }
        return values;
    }

    private static void collect(Set<String> values, String property, Map<?, ?>[] messages) {
        for (Map<?, ?> message : messages == null ? new Map<?, ?>[0] : messages) {
            Object value = message.get(property);
            if (value != null) {
                values.add(value.toString());
            }
        }
    }

    /** Stops delivery from the task queue to its consumers; messages keep arriving and wait. */
    public void pauseTaskQueue() {
        invokeOnQueue(taskAddress, "pause");
    }

    /** Resumes delivery from the task queue. */
    public void resumeTaskQueue() {
        invokeOnQueue(taskAddress, "resume");
    }

    static RedeliverySettings parseAddressSettings(String json) {
        try (var reader = Jsons.reader(json)) {
            JsonObject o = reader.readObject();
            RedeliverySettings d = RedeliverySettings.DEFAULTS;
            return new RedeliverySettings(
                    longOf(o, d.redeliveryDelayMs(), "redeliveryDelay"),
                    doubleOf(o, d.multiplier(), "redeliveryMultiplier", "redelivery-multiplier"),
                    longOf(o, d.maxRedeliveryDelayMs(), "maxRedeliveryDelay"),
                    (int) longOf(o, d.maxDeliveryAttempts(), "maxDeliveryAttempts"));
        }
    }

    private QueueStats queueStats(String address) {
        ObjectName queue = queueName(address);
        try {
            return new QueueStats(
                    address,
                    number(queue, "MessageCount"),
                    number(queue, "ScheduledCount"),
                    number(queue, "DeliveringCount"),
                    (int) number(queue, "ConsumerCount"),
                    number(queue, "MessagesAdded"),
                    number(queue, "MessagesAcknowledged"),
                    number(queue, "MessagesKilled"),
                    Boolean.TRUE.equals(server.getAttribute(queue, "Paused")));
        } catch (JMException e) {
            throw new BrokerUnavailableException("Cannot read queue " + address + ": " + e.getMessage(), e);
        }
    }

    private long number(ObjectName name, String attribute) throws JMException {
        Object value = server.getAttribute(name, attribute);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private String invokeOnBroker(String operation, String address) {
        try {
            Object reply = server.invoke(
                    brokerName(), operation, new Object[] {address}, new String[] {String.class.getName()});
            return String.valueOf(reply);
        } catch (JMException e) {
            throw new BrokerUnavailableException("Broker operation " + operation + " failed: " + e.getMessage(), e);
        }
    }

    private void invokeOnQueue(String address, String operation) {
        try {
            server.invoke(queueName(address), operation, new Object[0], new String[0]);
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

    private ObjectName queueName(String address) {
        String quoted = ObjectName.quote(address);
        Set<ObjectName> names = server.queryNames(
                pattern(DOMAIN + ":component=addresses,address=" + quoted + ",subcomponent=queues,queue=" + quoted
                        + ",*"),
                null);
        if (names.isEmpty()) {
            throw new BrokerUnavailableException(
                    "No queue MBean for " + address + "; is the queue created and JMX management enabled?", null);
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

    private static long longOf(JsonObject o, long fallback, String... names) {
        for (String name : names) {
            JsonValue v = o.get(name);
            if (v instanceof JsonNumber n) {
                return n.longValue();
            }
            if (v != null && v.getValueType() == JsonValue.ValueType.STRING) {
                return Long.parseLong(o.getString(name));
            }
        }
        return fallback;
    }

    private static double doubleOf(JsonObject o, double fallback, String... names) {
        for (String name : names) {
            JsonValue v = o.get(name);
            if (v instanceof JsonNumber n) {
                return n.doubleValue();
            }
            if (v != null && v.getValueType() == JsonValue.ValueType.STRING) {
                return Double.parseDouble(o.getString(name));
            }
        }
        return fallback;
    }

    private record CachedDepth(long depth, long readAt) {}

    private record CachedSettings(RedeliverySettings settings, long readAt) {}
}
