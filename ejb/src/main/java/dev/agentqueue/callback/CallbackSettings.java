package dev.agentqueue.callback;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where callbacks may go, how they are signed and retried, from MicroProfile Config. The signing secret comes from
 * the environment ({@code AGENTQUEUE_CALLBACKS_SECRET}) or another config source, never from a file in the
 * application.
 */
@ApplicationScoped
public class CallbackSettings {

    public static final String DEFAULT_TIMEOUT = "10s";
    public static final String DEFAULT_POLL_INTERVAL = "500ms";

    @Inject
    @ConfigProperty(name = "agentqueue.callbacks.secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "agentqueue.callbacks.allowed-hosts")
    Optional<String> allowedHosts;

    @Inject
    @ConfigProperty(name = "agentqueue.callbacks.attempts", defaultValue = "" + CallbackPolicy.DEFAULT_ATTEMPTS)
    int attempts;

    @Inject
    @ConfigProperty(name = "agentqueue.callbacks.retry-delay", defaultValue = CallbackPolicy.DEFAULT_RETRY_DELAY)
    String retryDelay;

    @Inject
    @ConfigProperty(
            name = "agentqueue.callbacks.max-retry-delay",
            defaultValue = CallbackPolicy.DEFAULT_MAX_RETRY_DELAY)
    String maxRetryDelay;

    @Inject
    @ConfigProperty(name = "agentqueue.callbacks.timeout", defaultValue = DEFAULT_TIMEOUT)
    String timeout;

    @Inject
    @ConfigProperty(name = "agentqueue.callbacks.poll-interval", defaultValue = DEFAULT_POLL_INTERVAL)
    String pollInterval;

    /** Returns the secret callbacks are signed with, if any; without one no callback URL is accepted. */
    public Optional<String> secret() {
        return secret.filter(value -> !value.isBlank());
    }

    /** Returns the hosts callbacks may go to; empty: none, callbacks are off. */
    public List<String> allowedHosts() {
        return allowedHosts
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(host -> !host.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** Returns how tries follow each other. */
    public CallbackPolicy policy() {
        return new CallbackPolicy(Math.max(1, attempts), Durations.parse(retryDelay), Durations.parse(maxRetryDelay));
    }

    /** Returns how long one try may take, connecting included. */
    public Duration timeout() {
        return Durations.parse(timeout);
    }

    /** Returns how often each node looks for due callbacks. */
    public Duration pollInterval() {
        Duration every = Durations.parse(pollInterval);
        return every.toMillis() < 50 ? Duration.ofMillis(50) : every;
    }
}
