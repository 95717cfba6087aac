package dev.agentqueue.health;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.health.ReadinessReport.Dependency;
import dev.agentqueue.redis.RedisHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    static final String NAME = "agentqueue";

    @Inject
    RedisHealth redis;

    @Inject
    BrokerManagement broker;

    @Override
    public HealthCheckResponse call() {
        ReadinessReport readiness = ReadinessReport.of(redis(), broker());
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(readiness.up());
        readiness.data().forEach(response::withData);
        return response.build();
    }

    private Dependency redis() {
        RedisHealth.Status status = redis.check();
        return status.up() ? Dependency.up("redis") : Dependency.down("redis", status.detail());
    }

    private Dependency broker() {
        try {
            broker.taskQueue();
            return Dependency.up("broker");
        } catch (BrokerUnavailableException e) {
            return Dependency.down("broker", e.getMessage());
        }
    }
}
