package dev.agentqueue.breaker;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Reads breaker parameters from MicroProfile Config: {@code agentqueue.breaker.<parameter>} for every breaker,
 * overridden per breaker by {@code agentqueue.breakers.<name>.<parameter>}. Parameters are
 * {@code request-volume-threshold}, {@code failure-ratio}, {@code delay}, {@code success-threshold} and
 * {@code probe-lease}.
 */
@ApplicationScoped
public class BreakerSettings {

    @Inject
    Config config;

    /** Returns the parameters of the named breaker. */
    public BreakerParameters parameters(String name) {
        return new BreakerParameters(
                Integer.parseInt(value(
                        name,
                        "request-volume-threshold",
                        Integer.toString(BreakerParameters.DEFAULT_REQUEST_VOLUME_THRESHOLD))),
                Double.parseDouble(
                        value(name, "failure-ratio", Double.toString(BreakerParameters.DEFAULT_FAILURE_RATIO))),
                duration(name, "delay", BreakerParameters.DEFAULT_DELAY),
                Integer.parseInt(value(
                        name, "success-threshold", Integer.toString(BreakerParameters.DEFAULT_SUCCESS_THRESHOLD))),
                duration(name, "probe-lease", BreakerParameters.DEFAULT_PROBE_LEASE));
    }

    private Duration duration(String name, String key, Duration fallback) {
        String text = value(name, key, null);
        return text == null ? fallback : Durations.parse(text);
    }

    private String value(String name, String key, String fallback) {
        return config.getOptionalValue("agentqueue.breakers." + name + "." + key, String.class)
                .or(() -> config.getOptionalValue("agentqueue.breaker." + key, String.class))
                .orElse(fallback);
    }
}
