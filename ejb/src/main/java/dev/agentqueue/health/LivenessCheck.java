package dev.agentqueue.health;

import dev.agentqueue.worker.WorkerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    WorkerSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(ReadinessCheck.NAME)
                .up()
                .withData("node", settings.node())
                .build();
    }
}
