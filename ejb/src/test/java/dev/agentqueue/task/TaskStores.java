package dev.agentqueue.task;

import dev.agentqueue.redis.RedisGateway;

/** Test fixture: a {@link TaskStore} on a test Redis, with short history and the default expiries. */
public final class TaskStores {

    private TaskStores() {}

    public static TaskStore on(RedisGateway gateway) {
        TaskStore store = new TaskStore();
        store.redis = gateway;
        store.settings = settings();
        return store;
    }

    /** Returns task settings with short history and the default expiries. */
    public static TaskSettings settings() {
        TaskSettings settings = new TaskSettings();
        settings.retention = "7d";
        settings.idempotencyWindow = "24h";
        settings.provisionalTtl = "15m";
        settings.historyLimit = 3;
        return settings;
    }
}
