package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2 of issue 6, crash loop: a task whose execution halts the server JVM every time. The suite restarts the
 * server after each crash; the broker's persisted delivery count must bring the task to the DLQ after
 * max-delivery-attempts deliveries, and reconciliation must record it as DEAD_LETTER with the reason, since no worker
 * ever lived to record an outcome. Other tasks queued with it still complete.
 */
class CrashLoopIT {

    /** Abandoned attempts after which a task runs alone (the worker's {@code CrashIsolation}). */
    private static final long ABANDONED_BEFORE_ALONE = 2;

    private static final int COMPANIONS = 20;

    // Only this server may run the halt job; it is off by default.
    @RegisterExtension
    static final RigExtension RIG = new RigExtension("crash-loop", "-Dagentqueue.diagnostics.halt-enabled=true");

    @Test
    void aTaskThatKillsTheServerOnEveryDeliveryEndsInTheDlqAfterMaxDeliveryAttempts() throws Exception {
        Rig rig = RIG.rig();
        Results results = new Results("2-crash-loop");
        // Everything is accepted before the first crash: the halt task between two groups of sleep tasks.
        rig.server.pauseTaskQueue();
        Instant enqueued = Instant.now();
        JsonObject sleep =
                Rig.job("sleep", Json.createObjectBuilder().add("ms", 50).build());
        List<String> companions = new ArrayList<>(rig.api.enqueueAll(Collections.nCopies(COMPANIONS / 2, sleep)));
        String halt = rig.api.enqueue(Rig.job("halt", JsonValue.EMPTY_JSON_OBJECT));
        companions.addAll(rig.api.enqueueAll(Collections.nCopies(COMPANIONS / 2, sleep)));
        Progress.say("accepted the halt task %s and %d sleep tasks", halt, companions.size());
        rig.server.resumeTaskQueue();

        int crashes = 0;
        Instant lastRestart = null;
        JsonObject task = null;
        while (task == null) {
            task = Deadline.await(
                    "the halt task to crash the server or to be recorded DEAD_LETTER",
                    Duration.ofMinutes(3),
                    () -> rig.server.running() ? readQuietly(halt) : null,
                    t -> t == null || "DEAD_LETTER".equals(t.getString("state")),
                    t -> t == null ? "server down" : t.getString("state") + " attempt " + t.getInt("attempt"));
            // A crash can come during boot too: the workers start before the API answers.
            while (task == null && !rig.server.running()) {
                rig.server.reap();
                crashes++;
                Progress.say("crash %d: the halt task took the server down; restarting", crashes);
                assertThat(crashes)
                        .as("crashes (the loop must end at max-delivery-attempts)")
                        .isLessThanOrEqualTo(8);
                lastRestart = Instant.now();
                rig.server.startOrCrash(rig.api);
            }
        }
        Instant recorded = Instant.now();
        Progress.say("the halt task is DEAD_LETTER after %d crashes: %s", crashes, task.getJsonObject("error"));

        JsonObject letter = deadLetter(halt);
        TaskAccount others = rig.settle(companions, Duration.ofMinutes(5));
        long abandoned = task.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(entry -> "ABANDONED".equals(entry.getString("outcome", "")))
                .count();

        results.put("accepted", 1 + companions.size())
                .put("maxDeliveryAttempts", task.getInt("maxAttempts"))
                .put("crashes", crashes)
                .put("haltTaskState", task.getString("state"))
                .put("haltTaskAttempt", task.getInt("attempt"))
                .put("haltTaskAbandonedAttempts", abandoned)
                .put("haltTaskErrorType", task.getJsonObject("error").getString("type"))
                .put("companions", others)
                .put("enqueueToDeadLetter", Duration.between(enqueued, recorded))
                .put("lastRestartToDeadLetter", Duration.between(lastRestart, recorded))
                .write();

        assertThat(crashes).as("crashes").isEqualTo(task.getInt("maxAttempts"));
        assertThat(task.getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(task.getInt("attempt")).isEqualTo(crashes);
        assertThat(task.getJsonObject("error").getString("type")).isEqualTo("DeliveryAttemptsExhausted");
        assertThat(task.getJsonObject("error").getString("classification")).isEqualTo("TERMINAL");
        assertThat(abandoned).as("attempts recorded as abandoned").isEqualTo(crashes - 1L);
        assertThat(letter.getJsonObject("error").getString("type")).isEqualTo("DeliveryAttemptsExhausted");
        assertThat(letter.getJsonObject("task").getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(others.lost()).isEmpty();
        assertThat(others.stuck()).isEmpty();
        assertThat(others.resultNotOnce()).isEmpty();
        // The tasks that ran beside the halt task lost an attempt in each of the first crashes; from the moment it
        // became a crash suspect (two abandoned attempts) it ran alone, so none of them used up its attempts.
        for (String id : companions) {
            JsonObject companion = rig.api.findTask(id);
            assertThat(companion.getString("state")).as(id).isEqualTo("COMPLETED");
            long abandonedAttempts = companion.getJsonArray("history").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(entry -> "ABANDONED".equals(entry.getString("outcome", "")))
                    .count();
            assertThat(abandonedAttempts).as(id).isLessThanOrEqualTo(ABANDONED_BEFORE_ALONE);
        }
    }

    @Test
    void aTaskTheBrokerDeadLettersWithoutAnOutcomeIsRecordedDeadLetterByReconciliation() {
        Rig rig = RIG.rig();
        rig.server.pauseTaskQueue();
        String id = rig.api.enqueue(Rig.job("echo", JsonValue.EMPTY_JSON_OBJECT));
        // The broker moves the message itself, as it does when max-delivery-attempts runs out on a rollback: no
        // worker records anything, so the record stays QUEUED until reconciliation sees the unlabelled letter.
        rig.server.cli("/subsystem=messaging-activemq/server=default/jms-queue=AgentQueueTasks"
                + ":send-messages-to-dead-letter-address(filter=\"agentqueue_task_id='" + id + "'\")");
        rig.server.resumeTaskQueue();
        Instant moved = Instant.now();
        Progress.say("the broker moved task %s to the DLQ; waiting for reconciliation", id);

        JsonObject task = Deadline.await(
                "reconciliation to record task " + id + " as DEAD_LETTER",
                Duration.ofMinutes(2),
                () -> rig.api.findTask(id),
                t -> "DEAD_LETTER".equals(t.getString("state")),
                t -> t.getString("state"));
        JsonObject letter = deadLetter(id);
        new Results("2-broker-dead-lettered")
                .put("accepted", 1)
                .put("taskState", task.getString("state"))
                .put("errorType", task.getJsonObject("error").getString("type"))
                .put("movedToRecorded", Duration.between(moved, Instant.now()))
                .write();

        assertThat(task.getJsonObject("error").getString("type")).isEqualTo("DeliveryAttemptsExhausted");
        assertThat(task.getJsonObject("error").getString("message")).contains("broker dead-lettered");
        assertThat(letter.getJsonObject("error").getString("type")).isEqualTo("DeliveryAttemptsExhausted");
    }

    /** Returns the DLQ admin API's entry for a task, waiting for the dead-letter transaction to commit. */
    private static JsonObject deadLetter(String taskId) {
        return Deadline.await(
                        "the DLQ to list task " + taskId,
                        Duration.ofMinutes(1),
                        () ->
                                RIG
                                        .rig()
                                        .api
                                        .deadLetters(100)
                                        .getJsonArray("items")
                                        .getValuesAs(JsonObject.class)
                                        .stream()
                                        .filter(item -> taskId.equals(item.getString("taskId", null)))
                                        .findFirst(),
                        Optional::isPresent,
                        found -> "not listed")
                .orElseThrow();
    }

    /** Reads the task, or returns a placeholder while the server goes down under the poll. */
    private static JsonObject readQuietly(String id) {
        try {
            return RIG.rig().api.findTask(id);
        } catch (UncheckedIOException e) {
            return Json.createObjectBuilder()
                    .add("state", "UNREACHABLE")
                    .add("attempt", -1)
                    .build();
        }
    }
}
