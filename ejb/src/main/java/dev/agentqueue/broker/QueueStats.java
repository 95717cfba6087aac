package dev.agentqueue.broker;

import java.util.function.ToLongFunction;

/** Counters of one broker queue, as the broker reports them. */
public record QueueStats(
        String name,
        long messageCount,
        long scheduledCount,
        long deliveringCount,
        int consumerCount,
        long messagesAdded,
        long messagesAcknowledged,
        long messagesKilled,
        boolean paused) {

    /**
     * Returns the counters of queue {@code name}, reading each through {@code attribute} by the name Artemis' queue
     * management gives it ({@code MessageCount}, {@code MessagesAdded}, ...).
     */
    static QueueStats read(String name, ToLongFunction<String> attribute, boolean paused) {
        return new QueueStats(
                name,
                attribute.applyAsLong("MessageCount"),
                attribute.applyAsLong("ScheduledCount"),
                attribute.applyAsLong("DeliveringCount"),
                (int) attribute.applyAsLong("ConsumerCount"),
                attribute.applyAsLong("MessagesAdded"),
                attribute.applyAsLong("MessagesAcknowledged"),
                attribute.applyAsLong("MessagesKilled"),
                paused);
    }
}
