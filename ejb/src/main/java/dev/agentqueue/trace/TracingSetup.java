package dev.agentqueue.trace;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Hands the server's OpenTelemetry (WildFly's opentelemetry subsystem provides it as a bean) to {@link Tracing}. */
@ApplicationScoped
public class TracingSetup {

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (openTelemetry.isResolvable()) {
            Tracing.use(openTelemetry.get());
        }
    }
}
