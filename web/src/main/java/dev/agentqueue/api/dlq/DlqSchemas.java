package dev.agentqueue.api.dlq;

import dev.agentqueue.task.ErrorClassification;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of the dead-letter routes: {@link DlqRequest} reads the selections as these records, the summary and counts
 * are written as them, and {@link LetterView} is a letter. The OpenAPI document describes them from their annotations.
 */
final class DlqSchemas {

    private DlqSchemas() {}

    /** The body of {@code POST /dlq/redrive}: exactly one of {@code ids} or {@code filter}. */
    @Schema(
            name = "DeadLetterSelection",
            description = "Exactly one of ids or filter",
            minProperties = 1,
            maxProperties = 1,
            additionalProperties = Schema.False.class)
    record Selection(
            @Schema(minItems = 1, maxItems = DlqRequest.MAX_IDS, description = "Task ids")
            List<String> ids,

            Filter filter) {}

    /** The body of {@code POST /dlq/purge}: exactly one of {@code ids}, {@code filter} or {@code "all": true}. */
    @Schema(
            name = "DeadLetterPurgeSelection",
            description = "Exactly one of ids, filter or all",
            minProperties = 1,
            maxProperties = 1,
            additionalProperties = Schema.False.class)
    record PurgeSelection(
            @Schema(minItems = 1, maxItems = DlqRequest.MAX_IDS, description = "Task ids")
            List<String> ids,

            Filter filter,

            @Schema(description = "true: every dead letter", enumeration = "true")
            Boolean all) {}

    /** The dead letters a filter selects: those matching every field given. */
    @Schema(name = "DeadLetterFilter", minProperties = 1, additionalProperties = Schema.False.class)
    record Filter(
            String contract,
            String agent,
            @Schema(description = "An error fingerprint") String fingerprint) {}

    /** One page of {@code GET /dlq}. */
    @Schema(
            name = "DeadLetterPage",
            requiredProperties = {"items", "nextCursor"})
    record Page(
            List<LetterView> items,

            @Schema(description = "The cursor of the next page; null after the last one", nullable = true)
            String nextCursor) {}

    /** The answer of {@code GET /dlq/summary}. */
    @Schema(
            name = "DeadLetterSummary",
            requiredProperties = {"total", "groups"})
    record Summary(
            long total,
            @Schema(description = "The largest group first") List<Group> groups) {}

    /** The dead letters with one error fingerprint. */
    @Schema(
            name = "DeadLetterGroup",
            requiredProperties = {
                "fingerprint",
                "count",
                "line",
                "classification",
                "errorType",
                "sampleMessage",
                "firstDeadLetteredAt",
                "lastDeadLetteredAt"
            })
    record Group(
            String fingerprint,
            long count,

            @Schema(examples = "37 × TerminalTaskException: 401 Unauthorized")
            String line,

            ErrorClassification classification,
            String errorType,
            String sampleMessage,
            @Schema(format = "date-time") String firstDeadLetteredAt,
            @Schema(format = "date-time") String lastDeadLetteredAt) {}

    /** The answer of {@code POST /dlq/redrive}. */
    @Schema(name = "RedriveResult", requiredProperties = "redriven")
    record Redriven(
            @Schema(description = "How many dead letters went back to the task queue")
            int redriven) {}

    /** The answer of {@code POST /dlq/purge}. */
    @Schema(name = "PurgeResult", requiredProperties = "purged")
    record Purged(
            @Schema(description = "How many dead letters were removed")
            int purged) {}

    /** The body of {@code POST /dlq/redrive-jobs}. */
    @Schema(name = "RedriveJobRequest", requiredProperties = "filter", additionalProperties = Schema.False.class)
    record JobRequest(
            Filter filter,

            @Schema(
                    minimum = "0",
                    maximum = "100",
                    defaultValue = "0",
                    description = "Tasks to redrive first; the rest follows once they complete (0: no canary)")
            Integer canary,

            @Schema(
                    defaultValue = "false",
                    description = "true: after the canary, wait for POST /dlq/redrive-jobs/{id}/confirm")
            Boolean confirm,

            @Schema(format = "date-time", description = "Only letters dead-lettered before this time")
            String before) {}

    /** The body of {@code POST /dlq/breaker-redrives}: exactly one of {@code agent} or {@code fingerprint}. */
    @Schema(name = "BreakerRedriveRequest", additionalProperties = Schema.False.class)
    record BreakerRedriveRequest(
            @Schema(description = "An agent: its provider's breaker is watched")
            String agent,

            @Schema(description = "A fingerprint group; then breaker is required")
            String fingerprint,

            @Schema(description = "The breaker to watch (default: the agent's)")
            String breaker,

            @Schema(minimum = "0", maximum = "100", defaultValue = "1", description = "Tasks in the canary")
            Integer canary) {}
}
