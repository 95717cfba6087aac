package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counts the alerts dead-letter groups raise, by kind ({@code NEW_FINGERPRINT}, {@code FAST_GROWTH}), and those a
 * mute suppressed, and the webhook posts that failed for good.
 */
@ApplicationScoped
public class DeadLetterAlertMetrics {

    static final String ALERTS = "agentqueue.dlq.alerts";
    static final String SUPPRESSED = "agentqueue.dlq.alerts.suppressed";
    static final String WEBHOOK_FAILURES = "agentqueue.dlq.alerts.webhook.failures";

    @Inject
    @Meters
    MeterRegistry registry;

    /** Creates the metrics outside CDI, for tests. */
    public static DeadLetterAlertMetrics on(MeterRegistry registry) {
        DeadLetterAlertMetrics metrics = new DeadLetterAlertMetrics();
        metrics.registry = registry;
        return metrics;
    }

    /** Counts an alert of {@code kind}. */
    public void alerted(String kind) {
        registry.counter(ALERTS, "kind", kind).increment();
    }

    /** Counts an alert a mute suppressed. */
    public void suppressed() {
        registry.counter(SUPPRESSED).increment();
    }

    /** Counts an alert the webhook could not deliver after its last attempt. */
    public void webhookFailed() {
        registry.counter(WEBHOOK_FAILURES).increment();
    }
}
