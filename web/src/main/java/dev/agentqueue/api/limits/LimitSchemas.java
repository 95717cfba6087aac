package dev.agentqueue.api.limits;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of the limit routes as the OpenAPI document describes it; {@link LimitResource} writes it. */
final class LimitSchemas {

    private LimitSchemas() {}

    /** One limit scope: a provider endpoint, an agent or a concurrency key. */
    @Schema(
            name = "LimitScope",
            requiredProperties = {"scope", "live", "limits", "counts"})
    record Scope(
            @Schema(description = "endpoint:<endpoint> (named as its circuit breaker), agent:<agent> or key:<key>")
            String scope,

            @Schema(description = "True when an admin set the limits live, overriding the configured ones")
            boolean live,

            Limits limits,
            Counts counts) {}

    /** The limits and token budget a scope runs under; 0 means no limit of that kind. */
    @Schema(
            name = "Limits",
            requiredProperties = {
                "requestsPerMinute",
                "tokensPerMinute",
                "concurrentCalls",
                "burstMs",
                "tokensPerDay",
                "tokensPerMonth"
            })
    record Limits(
            long requestsPerMinute,

            @Schema(description = "Input plus output tokens")
            long tokensPerMinute,

            int concurrentCalls,

            @Schema(description = "How much of a minute's allowance may be used at once, in ms")
            long burstMs,

            @Schema(description = "Token budget per UTC calendar day, checked at enqueue (keys and agents)")
            long tokensPerDay,

            @Schema(description = "Token budget per UTC calendar month, checked at enqueue (keys and agents)")
            long tokensPerMonth) {}

    /** A scope's counters since it was first used. */
    @Schema(
            name = "LimitCounts",
            requiredProperties = {
                "admitted",
                "deferrals",
                "tokensReserved",
                "tokensUsed",
                "activeCalls",
                "tokensToday",
                "tokensThisMonth"
            })
    record Counts(
            @Schema(description = "Calls the limits admitted")
            long admitted,

            @Schema(description = "Times a task was deferred because this scope had no room")
            long deferrals,

            @Schema(description = "Tokens the admitted calls' estimates reserved")
            long tokensReserved,

            @Schema(description = "Tokens the providers reported the settled calls used")
            long tokensUsed,

            @Schema(description = "Calls holding a slot now")
            long activeCalls,

            @Schema(description = "Tokens the settled calls used in the current UTC day")
            long tokensToday,

            @Schema(description = "Tokens the settled calls used in the current UTC month")
            long tokensThisMonth) {}

    /** The body of {@code PUT /limits/{scope}}: each limit left out keeps its configured value. */
    @Schema(name = "LimitChange")
    record Change(
            long requestsPerMinute,
            long tokensPerMinute,
            int concurrentCalls,
            long burstMs,
            long tokensPerDay,
            long tokensPerMonth) {}

    /** The answer of {@code GET /limits}. */
    @Schema(name = "LimitList", requiredProperties = "items")
    record Listing(List<Scope> items) {}
}
