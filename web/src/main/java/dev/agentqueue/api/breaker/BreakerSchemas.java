package dev.agentqueue.api.breaker;

import dev.agentqueue.breaker.BreakerState;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of the breaker routes as the OpenAPI document describes it; {@link BreakerResource} writes it. */
final class BreakerSchemas {

    private BreakerSchemas() {}

    /** One shared circuit breaker. */
    @Schema(
            name = "Breaker",
            requiredProperties = {"name", "state", "counts", "parameters", "openedAt", "nextHalfOpenAt"})
    record Breaker(
            String name,

            BreakerState state,

            Counts counts,
            Parameters parameters,

            @Schema(format = "date-time", nullable = true, description = "When it last opened; null if never")
            String openedAt,

            @Schema(format = "date-time", nullable = true, description = "When an open breaker lets a probe through")
            String nextHalfOpenAt) {}

    /** The breaker's rolling window and its counters since the last reset. */
    @Schema(
            name = "BreakerCounts",
            requiredProperties = {"windowSize", "windowFailures", "calls", "successes", "failures", "rejected", "opens"
            })
    record Counts(
            int windowSize, int windowFailures, long calls, long successes, long failures, long rejected, long opens) {}

    /** The breaker's parameters, named as MicroProfile Fault Tolerance's {@code @CircuitBreaker} names them. */
    @Schema(
            name = "BreakerParameters",
            requiredProperties = {
                "requestVolumeThreshold",
                "failureRatio",
                "delayMs",
                "successThreshold",
                "probeLeaseMs"
            })
    record Parameters(
            int requestVolumeThreshold, double failureRatio, long delayMs, int successThreshold, long probeLeaseMs) {}

    /** The answer of {@code GET /breakers}. */
    @Schema(name = "BreakerList", requiredProperties = "items")
    record Listing(List<Breaker> items) {}
}
