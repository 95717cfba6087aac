package dev.agentqueue.callback;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskCallback;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TaskStores;
import dev.agentqueue.testing.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The callbacks' schedule and the settling transition that fills it, against a real redis-server. */
class CallbackScheduleTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String URL = "https://hooks.example.com/done";

    private RedisGateway gateway;
    private TaskStore store;
    private CallbackSchedule schedule;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        gateway.call(r -> r.flushall());
        store = TaskStores.on(gateway);
        schedule = new CallbackSchedule();
        schedule.redis = gateway;
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void aTaskWithACallbackIsDueTheMomentItSettles() {
        NewTask task = createdAndStarted(aNewTask().withCallbackUrl(URL).build());

        store.complete(task.id(), 1, "{\"ok\":true}", "[]", 5_000);

        assertThat(dueAt(task.id())).isEqualTo(5_000.0);
        TaskCallback callback = store.find(task.id()).orElseThrow().callback();
        assertThat(callback.url()).isEqualTo(URL);
        assertThat(callback.state()).isEqualTo("PENDING");
        assertThat(callback.attempts()).isZero();
    }

    @Test
    void aTaskWithoutACallbackIsNeverScheduledAndShowsNone() {
        NewTask task = createdAndStarted(aNewTask().build());

        store.deadLetter(
                task.id(),
                1,
                TaskError.of(ErrorClassification.TERMINAL, "java.lang.IllegalStateException", "no"),
                true,
                "[]",
                5_000);

        assertThat(dueCount()).isZero();
        assertThat(store.find(task.id()).orElseThrow().callback()).isNull();
    }

    @Test
    void aCancelledTaskIsDueToo() {
        NewTask task = aNewTask().withCallbackUrl(URL).build();
        store.create(task, false);

        store.cancel(task.id(), 7_000);

        assertThat(schedule.claim(7_000, 60_000, 10)).containsExactly(task.id());
    }

    @Test
    void aClaimedCallbackIsLeasedSoNoOtherNodeTakesItUntilTheLeaseEnds() {
        NewTask task = createdAndStarted(aNewTask().withCallbackUrl(URL).build());
        store.complete(task.id(), 1, "{}", "[]", 1_000);

        assertThat(schedule.claim(2_000, 40_000, 10)).containsExactly(task.id());
        assertThat(schedule.claim(3_000, 41_000, 10)).isEmpty();
        assertThat(schedule.claim(40_000, 80_000, 10)).containsExactly(task.id());
    }

    @Test
    void aRetryIsRecordedOnTheTaskAndDueAfterItsDelay() {
        NewTask task = createdAndStarted(aNewTask().withCallbackUrl(URL).build());
        store.complete(task.id(), 1, "{}", "[]", 1_000);
        schedule.claim(1_000, 40_000, 10);

        boolean recorded =
                schedule.record(task.id(), 1, new CallbackVerdict.Retry(503, "HTTP 503", Duration.ofSeconds(2)), 1_500);

        assertThat(recorded).isTrue();
        TaskCallback callback = store.find(task.id()).orElseThrow().callback();
        assertThat(callback.state()).isEqualTo("PENDING");
        assertThat(callback.attempts()).isEqualTo(1);
        assertThat(callback.lastStatus()).isEqualTo(503);
        assertThat(callback.lastError()).isEqualTo("HTTP 503");
        assertThat(callback.nextAttemptAt().toEpochMilli()).isEqualTo(3_500);
        assertThat(schedule.claim(3_499, 50_000, 10)).isEmpty();
        assertThat(schedule.claim(3_500, 50_000, 10)).containsExactly(task.id());
    }

    @Test
    void aDeliveredOrFailedCallbackLeavesTheScheduleAndKeepsItsRecord() {
        NewTask delivered = createdAndStarted(aNewTask().withCallbackUrl(URL).build());
        NewTask failed = createdAndStarted(aNewTask().withCallbackUrl(URL).build());
        store.complete(delivered.id(), 1, "{}", "[]", 1_000);
        store.complete(failed.id(), 1, "{}", "[]", 1_000);

        schedule.record(delivered.id(), 1, new CallbackVerdict.Delivered(204), 1_100);
        schedule.record(failed.id(), 1, new CallbackVerdict.Failed(410, "HTTP 410"), 1_100);

        assertThat(dueCount()).isZero();
        assertThat(store.find(delivered.id()).orElseThrow().callback())
                .extracting(TaskCallback::state, TaskCallback::attempts, TaskCallback::lastStatus)
                .containsExactly("DELIVERED", 1, 204);
        assertThat(store.find(failed.id()).orElseThrow().callback())
                .extracting(TaskCallback::state, TaskCallback::lastError)
                .containsExactly("FAILED", "HTTP 410");
    }

    @Test
    void aTryOfATaskWhoseRecordExpiredRecreatesNothing() {
        NewTask task = createdAndStarted(aNewTask().withCallbackUrl(URL).build());
        store.complete(task.id(), 1, "{}", "[]", 1_000);
        gateway.call(r -> r.del(RedisKeys.task(task.id())));

        boolean recorded = schedule.record(task.id(), 1, new CallbackVerdict.Delivered(200), 1_100);

        assertThat(recorded).isFalse();
        assertThat(recordExists(task.id())).isFalse();
        assertThat(dueCount()).isZero();
    }

    private Double dueAt(String id) {
        return gateway.call(r -> r.zscore(RedisKeys.callbacksDue(), id));
    }

    private long dueCount() {
        return gateway.call(r -> r.zcard(RedisKeys.callbacksDue()));
    }

    private boolean recordExists(String id) {
        return gateway.call(r -> r.exists(RedisKeys.task(id))) > 0;
    }

    private NewTask createdAndStarted(NewTask task) {
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-1", 500);
        return task;
    }
}
