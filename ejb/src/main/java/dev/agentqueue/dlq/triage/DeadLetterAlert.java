package dev.agentqueue.dlq.triage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentqueue.messaging.DeadLetterLabel;
import java.time.Instant;

/**
 * An alert about a dead-letter group, as logged and as the webhook's JSON body: why, which group, the dead letter
 * that raised it, and for growth the threshold and window it exceeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterAlert(
        AlertKind kind,
        String fingerprint,
        String taskId,
        String contract,
        String agent,
        String errorType,
        String errorMessage,
        Integer threshold,
        Long windowSeconds,
        String at) {

    /** Returns the alert {@code label}'s dead letter raises for {@code kind} under {@code settings}, at {@code now}. */
    static DeadLetterAlert of(AlertKind kind, DeadLetterLabel label, AlertSettings settings, long now) {
        boolean growth = kind == AlertKind.FAST_GROWTH;
        return new DeadLetterAlert(
                kind,
                label.error().fingerprint(),
                label.taskId(),
                label.contract(),
                label.agent(),
                label.error().type(),
                label.error().message(),
                growth ? settings.growthThreshold() : null,
                growth ? settings.growthWindow().toSeconds() : null,
                Instant.ofEpochMilli(now).toString());
    }

    /** Returns the WARN line this alert is logged as. */
    String logLine() {
        String why = kind == AlertKind.NEW_FINGERPRINT
                ? "a new dead-letter fingerprint"
                : "dead-letter group grows faster than " + threshold + " per " + windowSeconds + " s";
        return "DLQ alert: " + why + ": fingerprint=" + fingerprint + ", contract=" + contract + ", agent=" + agent
                + ", task=" + taskId + ", error=" + errorType + ": " + errorMessage;
    }
}
