package dev.agentqueue.task;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits on what may be enqueued and how long an attempt may run, from MicroProfile Config. */
@ApplicationScoped
public class TaskLimits {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final String DEFAULT_TIMEOUT = "5m";
    public static final String DEFAULT_MAX_TIMEOUT = "1h";
    public static final String DEFAULT_MAX_DELAY = "30d";
    public static final long DEFAULT_MAX_QUEUE_DEPTH = 1_000_000;
    public static final int MAX_TEXT_FIELD_LENGTH = 256;

    @Inject
    @ConfigProperty(name = "agentqueue.task.max-payload-bytes", defaultValue = "" + DEFAULT_MAX_PAYLOAD_BYTES)
    int maxPayloadBytes;

    @Inject
    @ConfigProperty(name = "agentqueue.task.default-timeout", defaultValue = DEFAULT_TIMEOUT)
    String defaultTimeout;

    @Inject
    @ConfigProperty(name = "agentqueue.task.max-timeout", defaultValue = DEFAULT_MAX_TIMEOUT)
    String maxTimeout;

    @Inject
    @ConfigProperty(name = "agentqueue.task.max-delay", defaultValue = DEFAULT_MAX_DELAY)
    String maxDelay;

    @Inject
    @ConfigProperty(name = "agentqueue.enqueue.max-queue-depth", defaultValue = "" + DEFAULT_MAX_QUEUE_DEPTH)
    long maxQueueDepth;

    /** Returns the largest payload accepted, in UTF-8 bytes of its JSON form. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Returns the attempt timeout of tasks that name none. */
    public Duration defaultTimeout() {
        return Durations.parse(defaultTimeout);
    }

    /** Returns the longest attempt timeout a task may ask for. */
    public Duration maxTimeout() {
        return Durations.parse(maxTimeout);
    }

    /** Returns the longest delivery delay a task may ask for. */
    public Duration maxDelay() {
        return Durations.parse(maxDelay);
    }

    /** Returns the queue depth beyond which enqueue is refused until workers catch up. */
    public long maxQueueDepth() {
        return maxQueueDepth;
    }
}
