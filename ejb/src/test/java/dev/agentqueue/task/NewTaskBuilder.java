package dev.agentqueue.task;

/** Test data: {@code aNewTask().withIdempotencyKey("k").build()}. */
public final class NewTaskBuilder {

    private String id = TaskIds.next();
    private String contract = "agentqueue.job.v1";
    private String agent;
    private String payload = "{\"job_type\":\"echo\",\"arguments\":{}}";
    private int priority = 4;
    private String idempotencyKey;
    private long createdAt = System.currentTimeMillis();
    private String callbackUrl;

    private NewTaskBuilder() {}

    public static NewTaskBuilder aNewTask() {
        return new NewTaskBuilder();
    }

    public NewTaskBuilder withId(String id) {
        this.id = id;
        return this;
    }

    public NewTaskBuilder withAgent(String agent) {
        this.agent = agent;
        return this;
    }

    public NewTaskBuilder withIdempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    public NewTaskBuilder withPriority(int priority) {
        this.priority = priority;
        return this;
    }

    public NewTaskBuilder withCreatedAt(long createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public NewTaskBuilder withCallbackUrl(String url) {
        this.callbackUrl = url;
        return this;
    }

    public NewTask build() {
        return new NewTask(
                id,
                contract,
                agent,
                payload,
                priority,
                null,
                idempotencyKey,
                60_000,
                createdAt,
                5,
                NewTask.NO_DELAY,
                null,
                callbackUrl);
    }
}
