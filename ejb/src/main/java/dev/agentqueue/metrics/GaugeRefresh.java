package dev.agentqueue.metrics;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Reads what the gauges show, every two seconds, on a timer of the application: the server scrapes on a management
 * thread, where the application's beans (the broker's management, Redis) cannot be called.
 */
@Singleton
// Started with the application, not by its timer's first tick, which may fall in an undeploy: see
// ArchitectureTest.everyEjbSingletonStartsWithTheApplication.
@Startup
public class GaugeRefresh {

    @Inject
    QueueGauges queues;

    @Inject
    BreakerMetrics breakers;

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void refresh() {
        queues.refresh();
        breakers.refresh();
    }
}
