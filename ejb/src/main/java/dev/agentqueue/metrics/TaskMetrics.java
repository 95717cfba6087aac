package dev.agentqueue.metrics;

import dev.agentqueue.agent.AgentRegistry;
import dev.agentqueue.contract.ContractRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Counts what happens to tasks, by contract and agent: enqueued, attempts started, completed, failed (a retry
 * follows), dead-lettered and deferred; and times each attempt and each task from enqueue to completion. The
 * producer and the worker call it where a task changes state; it never throws into them.
 */
@ApplicationScoped
public class TaskMetrics {

    static final String ENQUEUED = "agentqueue.tasks.enqueued";
    static final String STARTED = "agentqueue.tasks.started";
    static final String COMPLETED = "agentqueue.tasks.completed";
    static final String FAILED = "agentqueue.tasks.failed";
    static final String DEAD_LETTERED = "agentqueue.tasks.dead.lettered";
    static final String DEFERRED = "agentqueue.tasks.deferred";
    static final String ATTEMPT_DURATION = "agentqueue.attempt.duration";
    static final String TASK_LATENCY = "agentqueue.task.latency";

    @Inject
    @Meters
    MeterRegistry registry;

    @Inject
    ContractRegistry contracts;

    @Inject
    AgentRegistry agents;

    private MeterCache meters;
    private Histogram attempts;
    private Histogram latencies;
    private MeterTags contractTags;
    private MeterTags agentTags;

    /**
     * Creates metrics outside CDI, for tools and tests: on {@code registry}, tagging the contracts and agents that
     * {@code knownContract} and {@code knownAgent} accept by name.
     */
    public static TaskMetrics on(
            MeterRegistry registry, Predicate<String> knownContract, Predicate<String> knownAgent) {
        TaskMetrics metrics = new TaskMetrics();
        metrics.registry = registry;
        metrics.resolveMetersOn(registry);
        metrics.contractTags = new MeterTags(knownContract);
        metrics.agentTags = new MeterTags(knownAgent);
        return metrics;
    }

    @PostConstruct
    void start() {
        resolveMetersOn(registry);
        contractTags = new MeterTags(id -> contracts.find(id).isPresent());
        agentTags = new MeterTags(name -> agents.find(name).isPresent());
    }

    private void resolveMetersOn(MeterRegistry registry) {
        meters = new MeterCache(registry);
        attempts = new Histogram(ATTEMPT_DURATION, meters);
        latencies = new Histogram(TASK_LATENCY, meters);
    }

    /** Counts a task accepted onto the queue. */
    public void enqueued(String contract, String agent) {
        counter(ENQUEUED, contract, agent).increment();
    }

    /** Counts an attempt whose contract starts running. */
    public void started(String contract, String agent) {
        counter(STARTED, contract, agent).increment();
    }

    /** Times an attempt's contract run, whatever its end. */
    public void attemptEnded(String contract, String agent, Duration took) {
        attempts.record(tags(contract, agent), took);
    }

    /** Counts a completed task and times it from its enqueue ({@code createdAtMillis}) to now. */
    public void completed(String contract, String agent, long createdAtMillis, long nowMillis) {
        counter(COMPLETED, contract, agent).increment();
        if (createdAtMillis > 0 && nowMillis >= createdAtMillis) {
            latencies.record(tags(contract, agent), Duration.ofMillis(nowMillis - createdAtMillis));
        }
    }

    /** Counts a failed attempt that another attempt follows. */
    public void failed(String contract, String agent) {
        counter(FAILED, contract, agent).increment();
    }

    /** Counts a task moved to the dead-letter queue; {@code reason} is terminal or exhausted. */
    public void deadLettered(String contract, String agent, String reason) {
        meters.counter(DEAD_LETTERED, tags(contract, agent).and("reason", reason))
                .increment();
    }

    /** Counts a delivery put off without using an attempt (an open breaker, a store outage, a shutdown). */
    public void deferred(String contract, String agent) {
        counter(DEFERRED, contract, agent).increment();
    }

    private Counter counter(String name, String contract, String agent) {
        // The registry's own methods (through the cache), not the meter builders: WildFly's registry for
        // applications publishes only what comes in through them.
        return meters.counter(name, tags(contract, agent));
    }

    private Tags tags(String contract, String agent) {
        return Tags.of("contract", contractTags.of(contract), "agent", agentTags.of(agent));
    }
}
