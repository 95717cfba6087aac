package dev.agentqueue.reconcile;

import static dev.agentqueue.reconcile.RecordedTaskBuilder.aRecordedTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.testing.RedisServerExtension;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Finding overdue tasks in the state indexes of a real redis-server. */
class OverdueTasksTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final long MINUTE = 60_000;
    private static final long NOW = 100 * MINUTE;

    private RedisGateway gateway;
    private OverdueTasks overdue;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        overdue = new OverdueTasks();
        overdue.redis = gateway;
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void onlyTasksOverdueByTheGraceAreFoundAndSettledOnesAreNeverRead() {
        RecordedTask lostQueued = write(aRecordedTask().queuedAt(NOW - 30 * MINUTE));
        RecordedTask lostRunning =
                write(aRecordedTask().runningSince(NOW - 30 * MINUTE, 1).withTimeout(MINUTE));
        RecordedTask lostFailed = write(aRecordedTask().failedAt(NOW - 20 * MINUTE, 2, NOW - 10 * MINUTE));
        write(aRecordedTask().queuedAt(NOW - MINUTE)); // within the grace
        write(aRecordedTask().queuedAt(NOW - 30 * MINUTE).dueAt(NOW + MINUTE)); // delayed, not yet due
        write(aRecordedTask().runningSince(NOW - 30 * MINUTE, 1).withTimeout(60 * MINUTE)); // still in its timeout
        write(aRecordedTask().queuedAt(NOW - 30 * MINUTE).inState(TaskState.COMPLETED)); // settled

        OverdueTasks.Scan scan = overdue.find(NOW, GRACE, 100, 1000);

        assertThat(scan.overdue())
                .extracting(t -> t.task().id())
                .containsExactlyInAnyOrder(
                        lostQueued.task().id(),
                        lostRunning.task().id(),
                        lostFailed.task().id());
        assertThat(scan.checked()).isEqualTo(5); // the task within the grace and the completed one are not read
    }

    @Test
    void theTasksWaitingLongerThanTheGraceAreCountedFromTheIndexesWithoutReadingARecord() {
        write(aRecordedTask().queuedAt(NOW - 30 * MINUTE));
        write(aRecordedTask().runningSince(NOW - 30 * MINUTE, 1).withTimeout(60 * MINUTE)); // a candidate all the same
        write(aRecordedTask().failedAt(NOW - 20 * MINUTE, 2, NOW - 10 * MINUTE));
        write(aRecordedTask().queuedAt(NOW - MINUTE)); // within the grace
        write(aRecordedTask().queuedAt(NOW - 30 * MINUTE).inState(TaskState.COMPLETED)); // not watched

        assertThat(overdue.waitingLongerThan(NOW, GRACE)).isEqualTo(3);
    }

    @Test
    void aProvisionalRecordOfAnEnqueueThatNeverConfirmedIsNotOwedAMessage() {
        RecordedTask refused = write(aRecordedTask().queuedAt(NOW - 30 * MINUTE));
        gateway.call(r -> r.expire(RedisKeys.task(refused.task().id()), 600));
        RecordedTask confirmed = write(aRecordedTask().queuedAt(NOW - 30 * MINUTE));

        OverdueTasks.Scan scan = overdue.find(NOW, GRACE, 100, 1000);

        assertThat(scan.overdue())
                .extracting(t -> t.task().id())
                .containsExactly(confirmed.task().id());
    }

    @Test
    void aPassTakesAtMostItsBatchOldestFirst() {
        RecordedTask oldest = write(aRecordedTask().queuedAt(NOW - 50 * MINUTE));
        write(aRecordedTask().queuedAt(NOW - 40 * MINUTE));
        write(aRecordedTask().queuedAt(NOW - 30 * MINUTE));

        OverdueTasks.Scan scan = overdue.find(NOW, GRACE, 1, 1000);

        assertThat(scan.overdue())
                .extracting(t -> t.task().id())
                .containsExactly(oldest.task().id());
    }

    @Test
    void anIndexEntryWhoseRecordExpiredIsDropped() {
        RecordedTask gone = write(aRecordedTask().queuedAt(NOW - 30 * MINUTE));
        gateway.call(r -> r.del(RedisKeys.task(gone.task().id())));

        OverdueTasks.Scan scan = overdue.find(NOW, GRACE, 100, 1000);

        assertThat(scan.overdue()).isEmpty();
        Double score = gateway.call(r -> r.zscore(
                RedisKeys.stateIndex(TaskState.QUEUED.name()), gone.task().id()));
        assertThat(score).isNull();
    }

    private RecordedTask write(RecordedTaskBuilder builder) {
        return gateway.call((RedisCommands<String, String> r) -> builder.writeTo(r));
    }
}
