package dev.agentqueue.dlq.triage;

import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.metrics.DeadLetterAlertMetrics;
import dev.agentqueue.support.JsonRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Raises a dead-letter group's alert: a WARN line, a count in the metrics, and a post to the webhook if one is set. */
@ApplicationScoped
public class AlertNotifier {

    private static final Logger LOG = Logger.getLogger(AlertNotifier.class.getName());

    @Inject
    AlertSettings settings;

    @Inject
    DeadLetterAlertMetrics metrics;

    @Inject
    AlertWebhook webhook;

    /** Carries out {@code decision} for the dead letter {@code label}, checked at {@code now}. */
    void decided(AlertDecision decision, DeadLetterLabel label, long now) {
        if (decision == AlertDecision.MUTED) {
            metrics.suppressed();
            LOG.fine(() -> "DLQ alert suppressed: fingerprint " + label.error().fingerprint() + " is muted");
            return;
        }
        decision.alert().ifPresent(kind -> {
            DeadLetterAlert alert = DeadLetterAlert.of(kind, label, settings, now);
            LOG.warning(alert::logLine);
            metrics.alerted(kind.name());
            webhook.post(JsonRecords.write(alert));
        });
    }
}
