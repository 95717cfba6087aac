package dev.agentqueue.worker;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Worker settings from MicroProfile Config. */
@ApplicationScoped
public class WorkerSettings {

    public static final String DEFAULT_STORE_OUTAGE_DELAY = "5s";
    public static final String DEFAULT_MINIMUM_DEFERRAL = "250ms";
    /**
     * Below the resource adapter's call timeout (30 s), after which it interrupts the workers by itself, and short
     * enough that a message the stopping container refuses meanwhile is not redelivered max-delivery-attempts times.
     */
    public static final String DEFAULT_SHUTDOWN_GRACE = "10s";
    /** The longest a heartbeating attempt may run, from its start; heartbeats never move its deadline past it. */
    public static final String DEFAULT_MAX_ATTEMPT_DURATION = "6h";

    @Inject
    @ConfigProperty(name = "agentqueue.worker.node")
    Optional<String> node;

    @Inject
    @ConfigProperty(name = "agentqueue.worker.store-outage-delay", defaultValue = DEFAULT_STORE_OUTAGE_DELAY)
    String storeOutageDelay;

    @Inject
    @ConfigProperty(name = "agentqueue.worker.minimum-deferral", defaultValue = DEFAULT_MINIMUM_DEFERRAL)
    String minimumDeferral;

    @Inject
    @ConfigProperty(name = "agentqueue.worker.shutdown-grace", defaultValue = DEFAULT_SHUTDOWN_GRACE)
    String shutdownGrace;

    @Inject
    @ConfigProperty(name = "agentqueue.worker.max-attempt-duration", defaultValue = DEFAULT_MAX_ATTEMPT_DURATION)
    String maxAttemptDuration;

    private volatile String resolvedNode;

    /** Returns the name this server's workers record in a task's history. */
    public String node() {
        String current = resolvedNode;
        if (current == null) {
            current = node.or(() -> Optional.ofNullable(System.getProperty("jboss.node.name")))
                    .orElseGet(WorkerSettings::hostName);
            resolvedNode = current;
        }
        return current;
    }

    /** Returns how long a task waits before it is tried again while Redis is unreachable. */
    public Duration storeOutageDelay() {
        return Durations.parse(storeOutageDelay);
    }

    /** Returns the least delay of a task deferred by an open circuit breaker, so deferrals never spin. */
    public Duration minimumDeferral() {
        return Durations.parse(minimumDeferral);
    }

    /** Returns how long an undeploy or shutdown waits for in-flight attempts before it interrupts them. */
    public Duration shutdownGrace() {
        return Durations.parse(shutdownGrace);
    }

    /** Returns how long an attempt may run at most, however often it heartbeats. */
    public Duration maxAttemptDuration() {
        return Durations.parse(maxAttemptDuration);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
