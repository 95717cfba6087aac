package dev.agentqueue.dlq.triage;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When dead-letter groups alert and where the alerts go, from MicroProfile Config. The webhook's secret comes from the
 * environment ({@code AGENTQUEUE_DLQ_ALERTS_WEBHOOK_SECRET}) or another config source, never from a file in the
 * application.
 */
@ApplicationScoped
public class AlertSettings {

    public static final int DEFAULT_GROWTH_THRESHOLD = 100;
    public static final String DEFAULT_GROWTH_WINDOW = "1m";
    public static final int DEFAULT_WEBHOOK_ATTEMPTS = 4;
    public static final String DEFAULT_WEBHOOK_RETRY_DELAY = "1s";
    public static final String DEFAULT_WEBHOOK_TIMEOUT = "5s";

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.growth-threshold", defaultValue = "" + DEFAULT_GROWTH_THRESHOLD)
    int growthThreshold;

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.growth-window", defaultValue = DEFAULT_GROWTH_WINDOW)
    String growthWindow;

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.webhook.url")
    Optional<String> webhookUrl;

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.webhook.secret")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.webhook.attempts", defaultValue = "" + DEFAULT_WEBHOOK_ATTEMPTS)
    int webhookAttempts;

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.webhook.retry-delay", defaultValue = DEFAULT_WEBHOOK_RETRY_DELAY)
    String webhookRetryDelay;

    @Inject
    @ConfigProperty(name = "agentqueue.dlq.alerts.webhook.timeout", defaultValue = DEFAULT_WEBHOOK_TIMEOUT)
    String webhookTimeout;

    /** Returns the number of letters of one group per window above which it alerts; 0 turns growth alerts off. */
    public int growthThreshold() {
        return Math.max(0, growthThreshold);
    }

    /** Returns the window over which a group's growth is counted. */
    public Duration growthWindow() {
        Duration window = Durations.parse(growthWindow);
        return window.toSeconds() < 1 ? Duration.ofSeconds(1) : window;
    }

    /** Returns the URL alerts are posted to, if any. */
    public Optional<String> webhookUrl() {
        return webhookUrl.filter(url -> !url.isBlank());
    }

    /** Returns the secret the webhook's bodies are signed with, if any. */
    public Optional<String> webhookSecret() {
        return webhookSecret.filter(secret -> !secret.isBlank());
    }

    /** Returns how many times one alert is posted at most. */
    public int webhookAttempts() {
        return Math.max(1, webhookAttempts);
    }

    /** Returns the wait before the second post of an alert; it doubles for each one after. */
    public Duration webhookRetryDelay() {
        return Durations.parse(webhookRetryDelay);
    }

    /** Returns how long one post may take. */
    public Duration webhookTimeout() {
        return Durations.parse(webhookTimeout);
    }
}
