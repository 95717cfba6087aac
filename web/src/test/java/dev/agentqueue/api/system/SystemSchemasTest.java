package dev.agentqueue.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.broker.QueueStats;
import dev.agentqueue.reconcile.ReconcileStatus;
import dev.agentqueue.redis.RedisHealth;
import dev.agentqueue.support.JsonRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue, health and caller answers are byte for byte what the JSON-P rendering before Jackson wrote. */
class SystemSchemasTest {

    private static final QueueStats TASKS =
            new QueueStats("jms.queue.agentqueue.tasks", 12, 3, 2, 4, 100, 88, 1, false);

    @Test
    void theQueuesAreWrittenAsBeforeJacksonWithTheLastPassTimeLast() {
        ReconcileStatus status = new ReconcileStatus(
                true,
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                50_000,
                true,
                5,
                40,
                1,
                2,
                Instant.parse("2026-12-07T09:00:00Z"),
                Duration.ofMillis(12),
                8,
                0,
                0,
                null);

        assertThat(JsonRecords.write(new SystemSchemas.Queues(
                        SystemSchemas.QueueCounters.of(TASKS),
                        SystemSchemas.QueueCounters.of(new QueueStats("jms.queue.DLQ", 0, 0, 0, 0, 2, 2, 0, true)),
                        SystemSchemas.Reconciliation.of(status))))
                .isEqualTo("""
                        {"tasks":{"address":"jms.queue.agentqueue.tasks","depth":12,"scheduled":3,"delivering":2,\
                        "consumers":4,"messagesAdded":100,"messagesAcknowledged":88,"messagesKilled":1,"paused":false},\
                        "deadLetter":{"address":"jms.queue.DLQ","depth":0,"scheduled":0,"delivering":0,"consumers":0,\
                        "messagesAdded":2,"messagesAcknowledged":2,"messagesKilled":0,"paused":true},\
                        "reconciliation":{"enabled":true,"interval":"PT30S","grace":"PT2M","leader":true,"passes":5,\
                        "checked":40,"recovered":1,"maxBrowseDepth":50000,"deferredPasses":2,"lastPassMs":12,\
                        "lastChecked":8,"lastRecovered":0,"lastDeferred":0,"lastPassAt":"2026-12-07T09:00:00Z"}}""");
    }

    @Test
    void aReconcilerThatNeverRanLeavesOutItsLastPassTime() {
        ReconcileStatus idle = new ReconcileStatus(
                false,
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                50_000,
                false,
                0,
                0,
                0,
                0,
                null,
                Duration.ZERO,
                0,
                0,
                0,
                null);

        assertThat(JsonRecords.write(SystemSchemas.Reconciliation.of(idle)))
                .doesNotContain("lastPassAt")
                .doesNotContain("lastDeferredReason");
    }

    @Test
    void aPassThatLeftItsOverdueTasksForLaterSaysWhyBeforeItsTime() {
        ReconcileStatus deferred = new ReconcileStatus(
                true,
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                10,
                true,
                1,
                6,
                0,
                1,
                Instant.parse("2026-12-07T09:00:00Z"),
                Duration.ofMillis(3),
                6,
                0,
                6,
                "too deep");

        assertThat(JsonRecords.write(SystemSchemas.Reconciliation.of(deferred)))
                .endsWith("\"lastDeferred\":6,\"lastDeferredReason\":\"too deep\","
                        + "\"lastPassAt\":\"2026-12-07T09:00:00Z\"}");
    }

    @Test
    void healthIsWrittenAsBeforeJacksonWhenUpAndWhenDown() {
        SystemSchemas.Health up = new SystemSchemas.Health(
                SystemSchemas.UP,
                SystemSchemas.RedisHealth.of(new RedisHealth.Status(true, 250, "PONG")),
                SystemSchemas.BrokerHealth.up(TASKS),
                Map.of("provider-a", BreakerState.OPEN));
        SystemSchemas.Health down = new SystemSchemas.Health(
                SystemSchemas.DOWN,
                SystemSchemas.RedisHealth.of(new RedisHealth.Status(false, 5000, "Connection refused")),
                SystemSchemas.BrokerHealth.down("AMQ219010"),
                Map.of());

        assertThat(JsonRecords.write(up)).isEqualTo("""
                        {"status":"UP","redis":{"status":"UP","latencyMicros":250},\
                        "broker":{"status":"UP","consumers":4,"depth":12},"breakers":{"provider-a":"OPEN"}}""");
        assertThat(JsonRecords.write(down)).isEqualTo("""
                        {"status":"DOWN","redis":{"status":"DOWN","latencyMicros":5000,"detail":"Connection refused"},\
                        "broker":{"status":"DOWN","detail":"AMQ219010"},"breakers":{}}""");
    }

    @Test
    void theCallerIsWrittenAsBeforeJackson() {
        assertThat(JsonRecords.write(new SystemSchemas.Caller("ada", List.of("agentqueue-viewer"))))
                .isEqualTo("{\"user\":\"ada\",\"roles\":[\"agentqueue-viewer\"]}");
    }
}
