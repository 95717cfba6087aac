package dev.agentqueue.task;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.testing.RedisServerExtension;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store side of dead-letter reconciliation: a task whose attempt never reported back (its server crashed) is
 * dead-lettered once, with its open attempt closed; a repeat, or a task that settled otherwise, changes nothing.
 */
class CrashedAttemptDeadLetterTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final TaskError EXHAUSTED =
            TaskError.of(ErrorClassification.TERMINAL, "DeliveryAttemptsExhausted", "after 5 delivery attempts");

    private RedisGateway gateway;
    private TaskStore store;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        store = TaskStores.on(gateway);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void aRunningAttemptThatNeverReportedBackIsDeadLetteredOnceAndClosed() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 5, 5, "node-a", 1_000);

        TransitionOutcome first = store.deadLetter(task.id(), 5, EXHAUSTED, true, "[]", 2_000);
        TransitionOutcome again = store.deadLetter(task.id(), 5, EXHAUSTED, true, "[]", 3_000);

        assertThat(first.applied()).isTrue();
        assertThat(again.applied()).isFalse();
        TaskSnapshot stored = store.find(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.DEAD_LETTER);
        assertThat(stored.error()).isEqualTo(EXHAUSTED);
        assertThat(stored.finishedAt().toEpochMilli()).isEqualTo(2_000);
        JsonObject last = stored.history().getJsonObject(stored.history().size() - 1);
        assertThat(last.getInt("attempt")).isEqualTo(5);
        assertThat(last.getString("outcome")).isEqualTo("DEAD_LETTER");
        assertThat(last.getJsonNumber("end").longValue()).isEqualTo(2_000);
    }

    @Test
    void aCompletedTaskIsLeftAlone() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", 1_000);
        store.complete(task.id(), 1, "{\"ok\":true}", "[]", 1_500);

        TransitionOutcome outcome = store.deadLetter(task.id(), 1, EXHAUSTED, true, "[]", 2_000);

        assertThat(outcome.result()).isEqualTo(TransitionOutcome.Result.STATE);
        TaskSnapshot stored = store.find(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(stored.error()).isNull();
    }
}
