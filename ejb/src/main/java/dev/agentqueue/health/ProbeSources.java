package dev.agentqueue.health;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.probes.Probes;
import dev.agentqueue.probes.ReadinessReport;
import dev.agentqueue.probes.ReadinessReport.Dependency;
import dev.agentqueue.redis.RedisHealth;
import dev.agentqueue.worker.WorkerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Feeds the health probes while the application runs: readiness asks Redis and the broker on every probe. */
@ApplicationScoped
public class ProbeSources {

    @Inject
    RedisHealth redis;

    @Inject
    BrokerManagement broker;

    @Inject
    WorkerSettings settings;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Probes.install(this::readiness, settings.node());
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        Probes.uninstall();
    }

    /** Asks Redis and the broker, now. */
    ReadinessReport readiness() {
        return ReadinessReport.of(redis(), broker());
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
