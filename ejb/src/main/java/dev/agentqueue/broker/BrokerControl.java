package dev.agentqueue.broker;

import java.util.Set;

/**
 * The broker's management operations agentqueue uses, named after Artemis' own {@code ActiveMQServerControl} and
 * {@code QueueControl}; one implementation reads the embedded broker's MBeans, the other asks a remote broker by
 * management messages ({@link BrokerControls} picks one from configuration). Every method throws
 * {@link BrokerUnavailableException} when the broker cannot answer.
 */
public interface BrokerControl {

    /** Returns the address-settings that apply to {@code address}, as the broker's JSON. */
    String addressSettingsAsJson(String address);

    /** Returns the counters of queue {@code queue}. */
    QueueStats queueStats(String queue);

    /** Returns the number of messages in queue {@code queue}: ready, scheduled and in delivery. */
    long messageCount(String queue);

    /**
     * Returns the values of message property {@code property} on the scheduled messages of queue {@code queue} and
     * on those being delivered to its consumers.
     */
    Set<String> scheduledOrDelivering(String queue, String property);

    /**
     * Moves up to {@code max} messages of queue {@code queue} matching {@code filter} (a core filter; {@code null}:
     * all) to queue {@code toQueue} and returns how many moved: the broker's own {@code moveMessages}, which reads
     * paged messages from the page store as well as those in memory. Each message moves in a broker transaction of its
     * own, so a concurrent consumer or move never gets the same one.
     */
    int moveMessages(String queue, String filter, String toQueue, int max);

    /** Stops delivery from queue {@code queue} to its consumers; messages keep arriving and wait. */
    void pause(String queue);

    /** Resumes delivery from queue {@code queue}. */
    void resume(String queue);
}
