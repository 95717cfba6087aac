package dev.agentqueue.task;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Retention and record-keeping settings for task records, from MicroProfile Config. */
@ApplicationScoped
public class TaskSettings {

    public static final String DEFAULT_RETENTION = "7d";
    public static final String DEFAULT_IDEMPOTENCY_WINDOW = "24h";
    public static final String DEFAULT_PROVISIONAL_TTL = "15m";
    public static final int DEFAULT_HISTORY_LIMIT = 20;
    public static final int DEFAULT_EVENTS_MAX_LENGTH = 1000;
    public static final String DEFAULT_EVENTS_TTL = "24h";
    public static final String DEFAULT_EVENTS_TTL_AFTER_SETTLE = "1m";

    @Inject
    @ConfigProperty(name = "agentqueue.task.retention", defaultValue = DEFAULT_RETENTION)
    String retention;

    @Inject
    @ConfigProperty(name = "agentqueue.task.idempotency-window", defaultValue = DEFAULT_IDEMPOTENCY_WINDOW)
    String idempotencyWindow;

    @Inject
    @ConfigProperty(name = "agentqueue.task.provisional-ttl", defaultValue = DEFAULT_PROVISIONAL_TTL)
    String provisionalTtl;

    @Inject
    @ConfigProperty(name = "agentqueue.task.history-limit", defaultValue = "" + DEFAULT_HISTORY_LIMIT)
    int historyLimit;

    @Inject
    @ConfigProperty(name = "agentqueue.task.events.max-length", defaultValue = "" + DEFAULT_EVENTS_MAX_LENGTH)
    int eventsMaxLength;

    @Inject
    @ConfigProperty(name = "agentqueue.task.events.ttl", defaultValue = DEFAULT_EVENTS_TTL)
    String eventsTtl;

    @Inject
    @ConfigProperty(name = "agentqueue.task.events.ttl-after-settle", defaultValue = DEFAULT_EVENTS_TTL_AFTER_SETTLE)
    String eventsTtlAfterSettle;

    /** Returns how long a settled record (completed, dead-lettered, cancelled, purged) is kept. */
    public Duration retention() {
        return Durations.parse(retention);
    }

    /** Returns how long an idempotency key keeps returning its first task. */
    public Duration idempotencyWindow() {
        return Durations.parse(idempotencyWindow);
    }

    /** Returns how long a record written by an enqueue survives if its transaction never commits. */
    public Duration provisionalTtl() {
        return Durations.parse(provisionalTtl);
    }

    /** Returns the most attempt-history entries kept per task. */
    public int historyLimit() {
        return historyLimit;
    }

    /** Returns about how many events a task's stream keeps; older ones are trimmed. */
    public int eventsMaxLength() {
        return eventsMaxLength;
    }

    /** Returns how long a task's event stream lives after its last event while the task has not settled. */
    public Duration eventsTtl() {
        return Durations.parse(eventsTtl);
    }

    /** Returns how long a task's event stream lives after the task settled. */
    public Duration eventsTtlAfterSettle() {
        return Durations.parse(eventsTtlAfterSettle);
    }
}
