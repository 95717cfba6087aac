package dev.agentqueue.task;

import dev.agentqueue.redis.RedisGateway;

/** Test fixture: a {@link TaskStore} on a test Redis, with short history and the default expiries. */
public final class TaskStores {

    private TaskStores() {}

    public static TaskStore on(RedisGateway gateway) {
        TaskStore store = new TaskStore();
        store.redis = gateway;
        store.settings = new TaskSettings();
        store.settings.retention = "7d";
        store.settings.idempotencyWindow = "24h";
        store.settings.provisionalTtl = "15m";
        store.settings.historyLimit = 3;
        store.settings.eventsMaxLength = TaskSettings.DEFAULT_EVENTS_MAX_LENGTH;
        store.settings.eventsTtl = TaskSettings.DEFAULT_EVENTS_TTL;
        store.settings.eventsTtlAfterSettle = TaskSettings.DEFAULT_EVENTS_TTL_AFTER_SETTLE;
        return store;
    }
}
