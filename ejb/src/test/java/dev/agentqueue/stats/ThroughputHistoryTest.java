package dev.agentqueue.stats;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TaskStores;
import dev.agentqueue.testing.RedisServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-minute history against a real redis-server, filled from real task records. */
class ThroughputHistoryTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final long NOW = ThroughputHistory.minuteOf(System.currentTimeMillis()) + 30_000;

    private RedisGateway gateway;
    private TaskStore store;
    private ThroughputHistory history;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        store = TaskStores.on(gateway);
        history = new ThroughputHistory();
        history.redis = gateway;
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void theHistoryIsSixtyMinutesOldestFirstEndingWithTheCurrentOne() {
        List<MinuteStats> minutes = history.lastHour(NOW);

        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(59).startMs()).isEqualTo(ThroughputHistory.minuteOf(NOW));
        assertThat(minutes.get(0).startMs()).isEqualTo(ThroughputHistory.minuteOf(NOW) - 59 * 60_000);
        assertThat(minutes).allSatisfy(minute -> assertThat(minute.latency()).isNull());
    }

    @Test
    void brokerCountsOfSeveralNodesAddUpInTheirMinute() {
        history.addBrokerCounts(NOW, 5, 4, 1);
        history.addBrokerCounts(NOW + 1_000, 3, 2, 0);

        MinuteStats current = history.lastHour(NOW).get(59);

        assertThat(current.added()).isEqualTo(8);
        assertThat(current.acknowledged()).isEqualTo(6);
        assertThat(current.deadLettered()).isEqualTo(1);
    }

    @Test
    void aRecountCountsTheMinutesCompletionsAndTheirLatencyFromEnqueueToFinish() {
        complete(NOW - 1_000, NOW);
        complete(NOW - 3_000, NOW + 1_000);
        complete(NOW - 120_000, NOW - 60_000); // the minute before

        history.recountCompletions(NOW);
        history.recountCompletions(NOW);

        MinuteStats current = history.lastHour(NOW).get(59);
        assertThat(current.completed()).isEqualTo(2);
        assertThat(current.latency()).isEqualTo(new LatencySummary(1_000, 4_000, 4_000, 2));
        assertThat(history.lastHour(NOW).get(58).completed()).isZero();
        assertThat(history.stateCounts()).containsEntry(TaskState.COMPLETED, 3L);
    }

    private void complete(long createdAt, long finishedAt) {
        NewTask task = aNewTask().withCreatedAt(createdAt).build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-1", createdAt);
        store.complete(task.id(), 1, "{}", "[]", finishedAt);
    }
}
