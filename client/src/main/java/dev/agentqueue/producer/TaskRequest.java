package dev.agentqueue.producer;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a producer asks to run: an immutable value built with {@link #builder(String)}. The payload is JSON text, so
 * that a remote client needs no JSON library to build one. Checked at enqueue against the deployed contracts, agents
 * and limits.
 */
public final class TaskRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_PRIORITY = 4;

    private final String contract;
    private final String agent;
    private final String payloadJson;
    private final int priority;
    private final Duration delay;
    private final String idempotencyKey;
    private final String correlationId;
    private final Duration timeout;
    private final String concurrencyKey;
    private final String callbackUrl;

    private TaskRequest(Builder b) {
        this.contract = b.contract;
        this.agent = b.agent;
        this.payloadJson = b.payloadJson;
        this.priority = b.priority;
        this.delay = b.delay;
        this.idempotencyKey = b.idempotencyKey;
        this.correlationId = b.correlationId;
        this.timeout = b.timeout;
        this.concurrencyKey = b.concurrencyKey;
        this.callbackUrl = b.callbackUrl;
    }

    /** Starts a request for the given contract id, e.g. {@code agentqueue.job.v1}. */
    public static Builder builder(String contract) {
        return new Builder(contract);
    }

    public String contract() {
        return contract;
    }

    public Optional<String> agent() {
        return Optional.ofNullable(agent);
    }

    /** Returns the payload as JSON text ({@code {}} when none was given). */
    public String payloadJson() {
        return payloadJson;
    }

    public int priority() {
        return priority;
    }

    public Duration delay() {
        return delay;
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public Optional<String> concurrencyKey() {
        return Optional.ofNullable(concurrencyKey);
    }

    /** Returns the URL the settled task is posted to, if any. */
    public Optional<String> callbackUrl() {
        return Optional.ofNullable(callbackUrl);
    }

    @Override
    public String toString() {
        return "TaskRequest(contract=" + contract + ", agent=" + agent + ", priority=" + priority + ", delay=" + delay
                + ", idempotencyKey=" + idempotencyKey + ", correlationId=" + correlationId + ", concurrencyKey="
                + concurrencyKey + ", callbackUrl=" + callbackUrl + ")";
    }

    /** Builds a {@link TaskRequest}. Values are checked when the request is enqueued, where errors can be reported. */
    public static final class Builder {
        private String contract;
        private String agent;
        private String payloadJson = "{}";
        private int priority = DEFAULT_PRIORITY;
        private Duration delay = Duration.ZERO;
        private String idempotencyKey;
        private String correlationId;
        private Duration timeout;
        private String concurrencyKey;
        private String callbackUrl;

        private Builder(String contract) {
            this.contract = contract;
        }

        /** Names the agent that runs the task; required by agent contracts such as {@code agentqueue.chat.v1}. */
        public Builder agent(String agent) {
            this.agent = agent;
            return this;
        }

        /** Sets the payload, a JSON object as text (from JSON-P, {@code jsonObject.toString()}). */
        public Builder payload(String json) {
            this.payloadJson = Objects.requireNonNull(json, "payload");
            return this;
        }

        /** Sets the priority, 0 (lowest) to 9 (highest); default {@value TaskRequest#DEFAULT_PRIORITY}. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Delays the first delivery. */
        public Builder delay(Duration delay) {
            this.delay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** Makes the enqueue idempotent: the same key within the idempotency window returns the first task. */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** Sets the caller's correlation id, kept on the task for tracing. */
        public Builder correlationId(String id) {
            this.correlationId = id;
            return this;
        }

        /** Sets the timeout of each attempt. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Names the concurrency key the task counts against (a tenant, a customer): the server caps how many tasks
         * of one key run at once across the cluster, so one key's burst cannot take every worker.
         */
        public Builder concurrencyKey(String key) {
            this.concurrencyKey = key;
            return this;
        }

        /**
         * Asks for a signed POST to {@code url} (absolute {@code http} or {@code https}, on a host the server allows)
         * when the task settles: completed, dead-lettered or cancelled.
         */
        public Builder callbackUrl(String url) {
            this.callbackUrl = url;
            return this;
        }

        public TaskRequest build() {
            return new TaskRequest(this);
        }
    }
}
