package dev.agentqueue.broker;

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
        boolean paused) {}
