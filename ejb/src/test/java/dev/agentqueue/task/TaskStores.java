package dev.agentqueue.task;

import dev.agentqueue.redis.RedisGateway;

/**
 * Test fixture: a {@link TaskStore} (and its companions) on a test Redis, with short history and the default expiries.
 */
public final class TaskStores {

    private TaskStores() {}

    public static TaskStore on(RedisGateway gateway) {
        TaskStore store = new TaskStore();
        store.redis = gateway;
        store.settings = settings();
        return store;
    }

    /** Returns the reports of running attempts, written through {@code store}. */
    public static TaskReports reportsOn(TaskStore store) {
        TaskReports reports = new TaskReports();
        reports.store = store;
        reports.redis = store.redis;
        reports.settings = store.settings;
        return reports;
    }

    /** Returns the settling of provisional records on the Redis and settings of {@code store}. */
    public static ProvisionalRecords provisionalOn(TaskStore store) {
        ProvisionalRecords records = new ProvisionalRecords();
        records.redis = store.redis;
        records.settings = store.settings;
        return records;
    }

    /** Returns task settings with short history and the default expiries and event stream sizes. */
    public static TaskSettings settings() {
        TaskSettings settings = new TaskSettings();
        settings.retention = "7d";
        settings.idempotencyWindow = "24h";
        settings.provisionalTtl = "15m";
        settings.historyLimit = 3;
        settings.eventsMaxLength = TaskSettings.DEFAULT_EVENTS_MAX_LENGTH;
        settings.eventsTtl = TaskSettings.DEFAULT_EVENTS_TTL;
        settings.eventsTtlAfterSettle = TaskSettings.DEFAULT_EVENTS_TTL_AFTER_SETTLE;
        return settings;
    }
}
