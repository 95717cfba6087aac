package dev.agentqueue.api.dlq;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of the edit-and-redrive and group-triage routes: the bodies are read as these records, and the answers
 * are {@link dev.agentqueue.dlq.triage.TriageState} written as it is, which {@link Triage} describes to the OpenAPI
 * document. A field added there belongs here too.
 */
final class TriageSchemas {

    private TriageSchemas() {}

    /** The body of {@code POST /dlq/letters/{taskId}/redrive}: exactly one of {@code payload} or {@code patch}. */
    @Schema(
            name = "DeadLetterEdit",
            description = "Exactly one of payload (replaces it) or patch (a JSON merge patch, RFC 7396)",
            minProperties = 1,
            maxProperties = 1,
            additionalProperties = Schema.False.class)
    record Edit(
            @Schema(
                    implementation = Map.class,
                    additionalProperties = Schema.True.class,
                    description = "The new payload, checked as at enqueue")
            JsonObject payload,

            @Schema(
                    implementation = Map.class,
                    additionalProperties = Schema.True.class,
                    description = "A JSON merge patch applied to the current payload")
            JsonObject patch) {}

    /** The answer of an edited redrive. */
    @Schema(name = "DeadLetterEditRedriven")
    record EditRedriven(
            String taskId,

            @Schema(enumeration = {"REPLACE", "MERGE_PATCH"})
            String edit) {}

    /** The body of {@code PUT /dlq/groups/{fingerprint}/note}. */
    @Schema(name = "DeadLetterGroupNote", additionalProperties = Schema.False.class)
    record Note(
            @Schema(required = true, maxLength = 2000, description = "Blank removes the note")
            String note) {}

    /** One group's triage state. */
    @Schema(name = "DeadLetterGroupTriage")
    record Triage(
            @Schema(required = true) String fingerprint,
            String note,
            String noteBy,
            @Schema(format = "date-time") String noteAt,
            String investigatingBy,
            @Schema(format = "date-time") String investigatingSince,
            @Schema(required = true) boolean muted,
            String mutedBy,
            @Schema(format = "date-time") String mutedAt,

            @Schema(format = "date-time", description = "When its first dead letter was counted")
            String firstSeenAt,

            @Schema(required = true, description = "Alerts raised")
            long alerts,

            @Schema(required = true, description = "Alerts a mute suppressed")
            long suppressedAlerts,

            @Schema(format = "date-time") String lastAlertAt) {}

    /** The groups with triage state. */
    @Schema(name = "DeadLetterGroupTriageList")
    record TriageList(@Schema(required = true) List<Triage> groups) {}
}
