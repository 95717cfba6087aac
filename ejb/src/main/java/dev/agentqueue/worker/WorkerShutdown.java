package dev.agentqueue.worker;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Holds an undeploy or server shutdown back until the workers' in-flight attempts have finished, for at most the
 * grace period ({@code agentqueue.worker.shutdown-grace}); attempts still running then are interrupted and go back to
 * the queue without being recorded as failed. A startup singleton, because its {@code @PreDestroy} runs when the
 * EJB module stops, while the workers are still running (a CDI bean's would run only after they stopped).
 */
@Singleton
@Startup
// On WildFly, jboss-ejb3.xml makes it depend on the MessageForwarder bean, which keeps the forwarder running until the
// drain is over (interrupted deliveries re-send their messages through it). Not an annotation: a dependency on a
// stateless bean is WildFly's extension of @DependsOn, which Payara refuses (only singletons may be named).
public class WorkerShutdown {

    @Inject
    InFlightAttempts attempts;

    @Inject
    WorkerSettings settings;

    @PreDestroy
    void drain() {
        attempts.drain(settings.shutdownGrace());
    }
}
