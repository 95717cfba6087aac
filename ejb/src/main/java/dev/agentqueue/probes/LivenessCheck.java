package dev.agentqueue.probes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The liveness probe: UP while the application is deployed, naming this server's worker node. It does not look at
 * Redis or the broker (readiness does): an outage of either is waited out, and a restart would not end it.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        String node = Probes.node();
        return HealthCheckResponse.named(ReadinessCheck.NAME)
                .status(node != null)
                .withData("node", String.valueOf(node))
                .build();
    }
}
