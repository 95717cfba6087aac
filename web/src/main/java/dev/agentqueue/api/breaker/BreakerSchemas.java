package dev.agentqueue.api.breaker;

import dev.agentqueue.breaker.BreakerParameters;
import dev.agentqueue.breaker.BreakerSnapshot;
import dev.agentqueue.breaker.BreakerState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of the breaker routes: {@link BreakerResource} writes these records, and the OpenAPI document describes
 * them from their annotations.
 */
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
            String nextHalfOpenAt) {

        static Breaker of(BreakerSnapshot b) {
            BreakerParameters p = b.parameters();
            return new Breaker(
                    b.name(),
                    b.state(),
                    new Counts(
                            b.windowSize(),
                            b.windowFailures(),
                            b.calls(),
                            b.successes(),
                            b.failures(),
                            b.rejected(),
                            b.opens()),
                    new Parameters(
                            p.requestVolumeThreshold(),
                            p.failureRatio(),
                            p.delay().toMillis(),
                            p.successThreshold(),
                            p.probeLease().toMillis()),
                    iso(b.openedAt()),
                    iso(b.nextHalfOpenAt()));
        }

        private static String iso(Instant time) {
            return time == null ? null : time.toString();
        }
    }

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
