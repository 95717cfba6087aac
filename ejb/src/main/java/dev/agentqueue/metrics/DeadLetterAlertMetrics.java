package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
    MeterCache meters;

    /** Creates the metrics outside CDI, for tests. */
    public static DeadLetterAlertMetrics on(MeterRegistry registry) {
        DeadLetterAlertMetrics metrics = new DeadLetterAlertMetrics();
        metrics.meters = new MeterCache(registry);
        return metrics;
    }

    /** Counts an alert of {@code kind}. */
    public void alerted(String kind) {
        meters.counter(ALERTS, Tags.of("kind", kind)).increment();
    }

    /** Counts an alert a mute suppressed. */
    public void suppressed() {
        meters.counter(SUPPRESSED, Tags.empty()).increment();
    }

    /** Counts an alert the webhook could not deliver after its last attempt. */
    public void webhookFailed() {
        meters.counter(WEBHOOK_FAILURES, Tags.empty()).increment();
    }
}
