package dev.agentqueue.task;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.testing.RedisServerExtension;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events the task store appends to a task's stream with its transitions, against a real redis-server. */
class TaskEventStreamTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisGateway gateway;
    private TaskStore store;
    private TaskReports reports;
    private NewTask task;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        store = TaskStores.on(gateway);
        reports = TaskStores.reportsOn(store);
        task = aNewTask().build();
        store.create(task, false);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void anAttemptAppendsItsStartProgressEndAndStatesInOrder() {
        store.start(task.id(), 1, 5, "node-a", 1_000);
        reports.progress(task.id(), 1, 40, "reading");
        store.complete(task.id(), 1, "{}", "[]", 2_000);

        List<StreamMessage<String, String>> events = events();

        assertThat(events)
                .extracting(event -> event.getBody().get("type"))
                .containsExactly("state", "attempt-started", "progress", "attempt-ended", "state");
        assertThat(data(events.get(0)))
                .contains("\"state\":\"RUNNING\"", "\"previous\":\"QUEUED\"", "\"settled\":false");
        assertThat(data(events.get(1))).contains("\"node\":\"node-a\"", "\"attempt\":1");
        assertThat(data(events.get(2))).isEqualTo("{\"attempt\":1,\"percent\":40,\"message\":\"reading\"}");
        assertThat(data(events.get(3))).contains("\"outcome\":\"COMPLETED\"", "\"end\":2000");
        assertThat(data(events.get(4))).contains("\"state\":\"COMPLETED\"", "\"settled\":true");
    }

    @Test
    void aSettledTasksStreamExpiresSoonAndARunningOnesLater() {
        store.start(task.id(), 1, 5, "node-a", 1_000);
        long running = ttl();
        store.complete(task.id(), 1, "{}", "[]", 2_000);

        assertThat(running).isGreaterThan(23 * 3600L);
        assertThat(ttl()).isBetween(1L, 600L);
    }

    @Test
    void aTransitionThatIsNotAppliedAppendsNothing() {
        store.start(task.id(), 2, 5, "node-a", 1_000);
        long before = events().size();

        store.complete(task.id(), 1, "{}", "[]", 2_000);
        reports.progress(task.id(), 1, 50, "stale");

        assertThat(events()).hasSize((int) before);
    }

    @Test
    void outputIsAppendedInTheOrderItWasSentBeforeTheOutcome() {
        store.start(task.id(), 1, 5, "node-a", 1_000);

        reports.output(task.id(), 1, "Hello");
        reports.output(task.id(), 1, " world");
        store.complete(task.id(), 1, "{}", "[]", 2_000);

        List<StreamMessage<String, String>> events = events();
        assertThat(events.subList(2, 4))
                .extracting(TaskEventStreamTest::data)
                .containsExactly("{\"attempt\":1,\"text\":\"Hello\"}", "{\"attempt\":1,\"text\":\" world\"}");
        assertThat(events.get(events.size() - 1).getBody().get("type")).isEqualTo("state");
    }

    @Test
    void aHeartbeatRecordsTheLeaseAndTheNextAttemptStartsWithoutIt() {
        store.start(task.id(), 1, 5, "node-a", 1_000);

        reports.heartbeat(task.id(), 1, 90_000);
        String leased = field(TaskFields.LEASE_UNTIL);
        store.fail(task.id(), 1, TaskError.of(ErrorClassification.RETRYABLE, "x", "y"), 3_000, "[]", 2_000);
        store.start(task.id(), 2, 5, "node-a", 4_000);

        assertThat(leased).isEqualTo("90000");
        assertThat(field(TaskFields.LEASE_UNTIL)).isEmpty();
    }

    private List<StreamMessage<String, String>> events() {
        return gateway.call(r -> r.xrange(RedisKeys.taskEvents(task.id()), Range.unbounded()));
    }

    private long ttl() {
        return gateway.call(r -> r.ttl(RedisKeys.taskEvents(task.id())));
    }

    private String field(String name) {
        Map<String, String> hash = gateway.call(r -> r.hgetall(RedisKeys.task(task.id())));
        return hash.get(name);
    }

    private static String data(StreamMessage<String, String> event) {
        return event.getBody().get("data");
    }
}
