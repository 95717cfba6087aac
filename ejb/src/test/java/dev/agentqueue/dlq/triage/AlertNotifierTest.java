package dev.agentqueue.dlq.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.metrics.DeadLetterAlertMetrics;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an alert decision turns into: the alert's content and its count, without a webhook configured. */
class AlertNotifierTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final DeadLetterLabel LABEL = new DeadLetterLabel(
            "01890a5d-ac96-774b-bcce-b302099a8057",
            3,
            "agentqueue.chat.v1",
            "scribe",
            new TaskError(
                    ErrorClassification.TERMINAL, "TerminalTaskException", "401 Unauthorized", "0123456789abcdef"),
            "jms.queue.AgentQueueTasks");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AlertSettings settings = new AlertSettings();
    private final AlertNotifier notifier = new AlertNotifier();

    @BeforeEach
    void wire() {
        settings.growthThreshold = 50;
        settings.growthWindow = "10m";
        settings.webhookUrl = Optional.empty();
        notifier.settings = settings;
        notifier.metrics = DeadLetterAlertMetrics.on(registry);
        notifier.webhook = new AlertWebhook();
        notifier.webhook.settings = settings;
    }

    @Test
    void aGrowthAlertNamesItsGroupTheThresholdAndTheWindow() {
        DeadLetterAlert alert = DeadLetterAlert.of(AlertKind.FAST_GROWTH, LABEL, settings, NOW);

        assertThat(alert.fingerprint()).isEqualTo("0123456789abcdef");
        assertThat(alert.threshold()).isEqualTo(50);
        assertThat(alert.windowSeconds()).isEqualTo(600);
        assertThat(alert.at()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(alert.logLine())
                .startsWith("DLQ alert: dead-letter group grows faster than 50 per 600 s")
                .contains("fingerprint=0123456789abcdef", "agent=scribe", "TerminalTaskException: 401 Unauthorized");
    }

    @Test
    void aNewFingerprintAlertCarriesNoThreshold() {
        DeadLetterAlert alert = DeadLetterAlert.of(AlertKind.NEW_FINGERPRINT, LABEL, settings, NOW);

        assertThat(alert.threshold()).isNull();
        assertThat(alert.logLine()).startsWith("DLQ alert: a new dead-letter fingerprint");
    }

    @Test
    void alertsAreCountedByKindAndSuppressedOnesApart() {
        notifier.decided(AlertDecision.NEW_FINGERPRINT, LABEL, NOW);
        notifier.decided(AlertDecision.FAST_GROWTH, LABEL, NOW);
        notifier.decided(AlertDecision.MUTED, LABEL, NOW);
        notifier.decided(AlertDecision.NONE, LABEL, NOW);

        assertThat(registry.get("agentqueue.dlq.alerts")
                        .tag("kind", "NEW_FINGERPRINT")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("agentqueue.dlq.alerts")
                        .tag("kind", "FAST_GROWTH")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("agentqueue.dlq.alerts.suppressed").counter().count())
                .isEqualTo(1);
    }
}
