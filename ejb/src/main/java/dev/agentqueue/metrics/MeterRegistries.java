package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Picks the registry agentqueue's meters go to: the server's where it has one (WildFly's micrometer subsystem
 * provides it as a bean and serves it at /prometheus), otherwise one of the application's own that keeps the meters in
 * memory only. Payara has no Micrometer, and the code that counts should not need a second path for it.
 */
@ApplicationScoped
public class MeterRegistries {

    @Inject
    Instance<MeterRegistry> server;

    private MeterRegistry registry;
    private MeterCache meters;

    @PostConstruct
    void pick() {
        registry = server.isResolvable() ? server.get() : new SimpleMeterRegistry();
        meters = new MeterCache(registry);
    }

    @Produces
    @Meters
    MeterRegistry registry() {
        return registry;
    }

    /** The registry's counters and timers, each looked up once and shared by every class that counts. */
    @Produces
    @Meters
    MeterCache meters() {
        return meters;
    }
}
