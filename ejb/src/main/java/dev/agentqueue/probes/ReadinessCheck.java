package dev.agentqueue.probes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness probe: DOWN while Redis does not answer PING or the broker's task queue cannot be read, so a load
 * balancer stops sending enqueues that would fail. Liveness does not depend on them: restarting the server would not
 * bring either back.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    /** The name of agentqueue's checks in the probes' answers. */
    public static final String NAME = "agentqueue";

    @Override
    public HealthCheckResponse call() {
        ReadinessReport readiness = Probes.readiness();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(readiness.up());
        readiness.data().forEach(response::withData);
        return response.build();
    }
}
