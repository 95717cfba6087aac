package dev.agentqueue.broker;

import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The broker as the application uses it: the task queue's address-settings (read at run time, so a change in the
 * console applies to the next delivery without a redeploy), queue counters and the listings the reconciler needs.
 * It asks the broker through a {@link BrokerControl}, the embedded or the remote one, and keeps the readings the
 * hot path asks for often for a moment.
 */
@ApplicationScoped
public class BrokerManagement {

    private static final Logger LOG = Logger.getLogger(BrokerManagement.class.getName());
    /** How long address-settings are reused on the hot path; failures always read them afresh. */
    private static final long SETTINGS_CACHE_NANOS = 1_000_000_000L;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.task-address", defaultValue = "jms.queue.AgentQueueTasks")
    String taskAddress;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.dead-letter-address", defaultValue = "jms.queue.AgentQueueTasksDLQ")
    String deadLetterAddress;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.redriving-queue", defaultValue = "jms.queue.AgentQueueTasksDLQRedriving")
    String redrivingQueue;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.purging-queue", defaultValue = "jms.queue.AgentQueueTasksDLQPurging")
    String purgingQueue;

    private static final long DEPTH_CACHE_NANOS = 500_000_000L;

    @Inject
    BrokerControl control;

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
            settings = parseAddressSettings(ask(() -> control.addressSettingsAsJson(taskAddress)));
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
            long depth = ask(() -> control.messageCount(taskAddress));
            cachedDepth = new CachedDepth(depth, System.nanoTime());
            return OptionalLong.of(depth);
        } catch (BrokerUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    /** Returns the counters of the task queue. */
    public QueueStats taskQueue() {
        return ask(() -> control.queueStats(taskAddress));
    }

    /** Returns the counters of the task dead-letter queue. */
    public QueueStats deadLetterQueue() {
        return ask(() -> control.queueStats(deadLetterAddress));
    }

    /**
     * Moves up to {@code max} dead letters matching {@code filter} (a core filter; {@code null}: all) to the queue
     * where a redrive takes them from, and returns how many moved.
     */
    public int stageForRedrive(String filter, int max) {
        return ask(() -> control.moveMessages(deadLetterAddress, filter, redrivingQueue, max));
    }

    /** Moves up to {@code max} dead letters matching {@code filter} to the queue a purge takes them from. */
    public int stageForPurge(String filter, int max) {
        return ask(() -> control.moveMessages(deadLetterAddress, filter, purgingQueue, max));
    }

    /** Returns the number of dead letters a redrive or purge has moved aside and not yet taken on. */
    public long staged() {
        return ask(() -> control.messageCount(redrivingQueue) + control.messageCount(purgingQueue));
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
        return ask(() -> control.scheduledOrDelivering(taskAddress, property));
    }

    /** Stops delivery from the task queue to its consumers; messages keep arriving and wait. */
    public void pauseTaskQueue() {
        ask(() -> {
            control.pause(taskAddress);
            return null;
        });
    }

    /** Resumes delivery from the task queue. */
    public void resumeTaskQueue() {
        ask(() -> {
            control.resume(taskAddress);
            return null;
        });
    }

    /**
     * Runs one request to the broker. A remote read that runs out of time ends in Fault Tolerance's exception, which
     * callers should not need to know: it becomes a {@link BrokerUnavailableException} like every other failure.
     */
    private static <T> T ask(Supplier<T> request) {
        try {
            return request.get();
        } catch (FaultToleranceException e) {
            throw new BrokerUnavailableException("The broker did not answer: " + e.getMessage(), e);
        }
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
