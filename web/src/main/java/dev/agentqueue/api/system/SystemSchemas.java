package dev.agentqueue.api.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.broker.QueueStats;
import dev.agentqueue.reconcile.ReconcileStatus;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of the queue, health and caller routes: {@link QueueResource}, {@link HealthResource} and
 * {@link CallerResource} write these records, and the OpenAPI document describes them from their annotations. The
 * member order is the wire format.
 */
final class SystemSchemas {

    static final String UP = "UP";
    static final String DOWN = "DOWN";

    private SystemSchemas() {}

    /** The answer of {@code GET /queues}. */
    @Schema(
            name = "Queues",
            requiredProperties = {"tasks", "deadLetter", "reconciliation"})
    record Queues(
            @Schema(description = "The task queue") QueueCounters tasks,
            @Schema(description = "The dead-letter queue") QueueCounters deadLetter,

            @Schema(description = "What this node's reconciler of lost messages has done since it started")
            Reconciliation reconciliation) {}

    /** The counts of this node's reconciler of lost task messages. */
    @Schema(
            name = "Reconciliation",
            requiredProperties = {
                "enabled",
                "interval",
                "grace",
                "leader",
                "passes",
                "checked",
                "recovered",
                "maxBrowseDepth",
                "deferredPasses",
                "lastPassMs",
                "lastChecked",
                "lastRecovered",
                "lastDeferred"
            })
    record Reconciliation(
            boolean enabled,

            @Schema(description = "Time between passes, ISO-8601 duration", example = "PT30S")
            String interval,

            @Schema(description = "How long past its due time a task must be before it counts as lost, ISO-8601")
            String grace,

            @Schema(description = "Whether this node held the reconciliation lease at its last pass")
            boolean leader,

            @Schema(description = "Passes this node ran as the leader")
            long passes,

            @Schema(description = "Task records those passes checked")
            long checked,

            @Schema(description = "Lost messages those passes sent again")
            long recovered,

            @Schema(description = "The most messages the task queue may hold for a pass to browse it for lost ones")
            long maxBrowseDepth,

            @Schema(
                    description = "Passes that left their overdue tasks for a later pass without looking in the"
                            + " broker, the task queue holding more than maxBrowseDepth messages")
            long deferredPasses,

            @Schema(description = "How long the last pass took, ms")
            long lastPassMs,

            @Schema(description = "Records the last pass checked")
            int lastChecked,

            @Schema(description = "Messages the last pass sent again")
            int lastRecovered,

            @Schema(
                    description = "Tasks queued, failed or running for longer than the grace that the last pass left"
                            + " unchecked for a later pass")
            long lastDeferred,

            @Schema(description = "Why the last pass left its overdue tasks for later; absent when it did not")
            @JsonInclude(Include.NON_NULL)
            String lastDeferredReason,

            @Schema(description = "When the last pass ended; absent before the first", format = "date-time")
            @JsonInclude(Include.NON_NULL)
            String lastPassAt) {

        static Reconciliation of(ReconcileStatus status) {
            return new Reconciliation(
                    status.enabled(),
                    status.interval().toString(),
                    status.grace().toString(),
                    status.leader(),
                    status.passes(),
                    status.checked(),
                    status.recovered(),
                    status.maxBrowseDepth(),
                    status.deferredPasses(),
                    status.lastPassTook().toMillis(),
                    status.lastChecked(),
                    status.lastRecovered(),
                    status.lastDeferred(),
                    status.lastDeferredReason(),
                    status.lastPassAt() == null ? null : status.lastPassAt().toString());
        }
    }

    /** One queue's counters, read from the broker. */
    @Schema(
            name = "QueueCounters",
            requiredProperties = {
                "address",
                "depth",
                "scheduled",
                "delivering",
                "consumers",
                "messagesAdded",
                "messagesAcknowledged",
                "messagesKilled",
                "paused"
            })
    record QueueCounters(
            String address,

            @Schema(description = "Messages in the queue, scheduled and delivering included")
            long depth,

            @Schema(description = "Messages waiting for their delivery time")
            long scheduled,

            @Schema(description = "Messages delivered and not yet acknowledged")
            long delivering,

            int consumers,
            long messagesAdded,
            long messagesAcknowledged,

            @Schema(description = "Messages the broker dead-lettered or expired")
            long messagesKilled,

            boolean paused) {

        static QueueCounters of(QueueStats stats) {
            return new QueueCounters(
                    stats.name(),
                    stats.messageCount(),
                    stats.scheduledCount(),
                    stats.deliveringCount(),
                    stats.consumerCount(),
                    stats.messagesAdded(),
                    stats.messagesAcknowledged(),
                    stats.messagesKilled(),
                    stats.paused());
        }
    }

    /** The answer of {@code GET /health}. */
    @Schema(
            name = "Health",
            requiredProperties = {"status", "redis", "broker", "breakers"})
    record Health(
            @Schema(enumeration = {"UP", "DOWN"}) String status,
            RedisHealth redis,
            BrokerHealth broker,

            @Schema(description = "Each shared breaker's state by name; an open breaker defers work, it is no outage")
            Map<String, BreakerState> breakers) {}

    /** Whether Redis answers PING. */
    @Schema(
            name = "RedisHealth",
            requiredProperties = {"status", "latencyMicros"})
    record RedisHealth(
            @Schema(enumeration = {"UP", "DOWN"}) String status,
            long latencyMicros,

            @Schema(description = "Why it is down") @JsonInclude(Include.NON_NULL)
            String detail) {

        static RedisHealth of(dev.agentqueue.redis.RedisHealth.Status status) {
            return status.up()
                    ? new RedisHealth(UP, status.latencyMicros(), null)
                    : new RedisHealth(DOWN, status.latencyMicros(), String.valueOf(status.detail()));
        }
    }

    /** Whether the broker's task queue is reachable. */
    @Schema(name = "BrokerHealth", requiredProperties = "status")
    @JsonInclude(Include.NON_NULL)
    record BrokerHealth(
            @Schema(enumeration = {"UP", "DOWN"}) String status,

            @Schema(description = "The task queue's consumers, when up")
            Integer consumers,

            @Schema(description = "The task queue's depth, when up")
            Long depth,

            @Schema(description = "Why it is down") String detail) {

        static BrokerHealth up(QueueStats tasks) {
            return new BrokerHealth(UP, tasks.consumerCount(), tasks.messageCount(), null);
        }

        static BrokerHealth down(String detail) {
            return new BrokerHealth(DOWN, null, null, detail);
        }
    }

    /** The answer of {@code GET /me}. */
    @Schema(
            name = "Caller",
            requiredProperties = {"user", "roles"})
    record Caller(
            String user,

            @Schema(
                    description = "The agentqueue roles the caller holds, of agentqueue-producer,"
                            + " agentqueue-viewer and agentqueue-admin")
            List<String> roles) {}
}
