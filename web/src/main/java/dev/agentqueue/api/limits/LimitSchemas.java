package dev.agentqueue.api.limits;

import dev.agentqueue.limits.LimitParameters;
import dev.agentqueue.limits.LimitState;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of the limit routes: {@link LimitResource} reads the change and writes the scopes as these records. */
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
            Counts counts) {

        /** Returns a scope's state as the API shows it. */
        static Scope of(LimitState state) {
            LimitParameters limits = state.limits();
            return new Scope(
                    state.scope().name(),
                    state.live(),
                    new Limits(
                            limits.requestsPerMinute(),
                            limits.tokensPerMinute(),
                            limits.concurrentCalls(),
                            limits.burst().toMillis(),
                            state.budget().tokensPerDay(),
                            state.budget().tokensPerMonth()),
                    new Counts(
                            state.admitted(),
                            state.deferrals(),
                            state.tokensReserved(),
                            state.tokensUsed(),
                            state.activeCalls(),
                            state.tokensToday(),
                            state.tokensThisMonth()));
        }
    }

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
    @Schema(name = "LimitChange", additionalProperties = Schema.False.class)
    record Change(
            @Schema(minimum = "0") Long requestsPerMinute,
            @Schema(minimum = "0") Long tokensPerMinute,
            @Schema(minimum = "0") Integer concurrentCalls,
            @Schema(minimum = "0") Long burstMs,
            @Schema(minimum = "0") Long tokensPerDay,
            @Schema(minimum = "0") Long tokensPerMonth) {}

    /** The answer of {@code GET /limits}. */
    @Schema(name = "LimitList", requiredProperties = "items")
    record Listing(List<Scope> items) {}
}
