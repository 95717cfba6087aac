package dev.agentqueue.broker;

import dev.agentqueue.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Manages an external Artemis broker by management messages (resources {@code broker} and {@code queue.<name>}).
 * Reads cross the network, and a primary/backup pair may be failing over while one is under way: each read is bounded
 * by a timeout, so a REST call or a worker never hangs on the broker, and retried once, so a read that met a dropped
 * connection gets its answer on the reconnected one. Pause and resume change the broker and are not retried.
 */
@ApplicationScoped
@Typed(RemoteBrokerControl.class)
public class RemoteBrokerControl implements BrokerControl {

    @Inject
    ManagementRequester requester;

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = BrokerUnavailableException.class)
    public String addressSettingsAsJson(String address) {
        return ManagementReply.text(requester.invoke("broker", "getAddressSettingsAsJSON", params(address)));
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = BrokerUnavailableException.class)
    public QueueStats queueStats(String queue) {
        boolean paused = ManagementReply.bool(requester.attribute(resource(queue), "Paused"));
        return QueueStats.read(queue, attribute -> count(queue, attribute), paused);
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = BrokerUnavailableException.class)
    public long messageCount(String queue) {
        return count(queue, "MessageCount");
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = BrokerUnavailableException.class)
    public Set<String> scheduledOrDelivering(String queue, String property) {
        Set<String> values = new HashSet<>();
        ManagementReply.collect(values, property, requester.invoke(resource(queue), "listScheduledMessages", "[]"));
        ManagementReply.collectByConsumer(
                values, property, requester.invoke(resource(queue), "listDeliveringMessages", "[]"));
        return values;
    }

    /** Not retried: a move whose reply was lost may have moved its messages, and its caller reads where they went. */
    @Override
    public int moveMessages(String queue, String filter, String toQueue, int max) {
        String parameters = Jsons.array()
                .add(max)
                .add(filter == null ? "" : filter)
                .add(toQueue)
                .add(false)
                .add(max)
                .build()
                .toString();
        return (int) ManagementReply.number(requester.invoke(resource(queue), "moveMessages", parameters));
    }

    @Override
    public void pause(String queue) {
        requester.invoke(resource(queue), "pause", "[]");
    }

    @Override
    public void resume(String queue) {
        requester.invoke(resource(queue), "resume", "[]");
    }

    private long count(String queue, String attribute) {
        return ManagementReply.number(requester.attribute(resource(queue), attribute));
    }

    private static String resource(String queue) {
        return "queue." + queue;
    }

    private static String params(String... values) {
        return Jsons.array(List.of(values)).build().toString();
    }
}
