package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.echo;
import static dev.agentqueue.it.support.Jobs.failTerminally;
import static dev.agentqueue.it.support.Jobs.failUntil;
import static dev.agentqueue.it.support.Jobs.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The task lifecycle end to end over REST, as a caller sees it, against the real EAR, broker and Redis. */
@ExtendWith(ArquillianExtension.class)
class TaskApiIT {

    private static final Set<String> SETTLED = Set.of("COMPLETED", "DEAD_LETTER", "CANCELLED", "PURGED");
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aTaskRunsOnceAndKeepsItsResultAndWarnings() {
        String id = api.enqueue(echo(Json.createObjectBuilder()
                        .add("text", "hello")
                        .add("warnings", Json.createArrayBuilder().add("low confidence")))
                .build());

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(1);
        assertThat(task.getJsonObject("result").getString("text")).isEqualTo("hello");
        assertThat(task.getJsonArray("warnings").getString(0)).isEqualTo("low confidence");
        assertThat(task.get("error")).isEqualTo(jakarta.json.JsonValue.NULL);
        assertThat(task.getJsonArray("history")).hasSize(1);
    }

    @Test
    void enqueueAnswers202WithTheTaskAndItsLocation() {
        Reply reply = api.postJson(
                "tasks",
                echo(Json.createObjectBuilder())
                        .add("priority", 6)
                        .add("correlationId", "order-17")
                        .build());

        assertThat(reply.status()).isEqualTo(202);
        JsonObject task = reply.json();
        assertThat(reply.header("Location")).endsWith("/agentqueue/api/v1/tasks/" + task.getString("id"));
        assertThat(task.getString("state")).isIn("QUEUED", "RUNNING", "COMPLETED");
        assertThat(task.getInt("priority")).isEqualTo(6);
        assertThat(task.getString("correlationId")).isEqualTo("order-17");
        assertThat(task.getInt("maxAttempts")).isEqualTo(5);
    }

    @Test
    void aRetryableFailureIsRetriedWithGrowingGapsUntilItSucceeds() {
        String id = api.enqueue(failUntil(3).build());

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(3);
        JsonArray history = task.getJsonArray("history");
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(0).getString("outcome")).isEqualTo("FAILED");
        assertThat(history.getJsonObject(1).getString("outcome")).isEqualTo("FAILED");
        assertThat(history.getJsonObject(2).getString("outcome")).isEqualTo("COMPLETED");
        long firstGap = gapMillis(history, 0, 1);
        long secondGap = gapMillis(history, 1, 2);
        // Broker backoff: 1000 ms, then 1000 * 2.0.
        assertThat(firstGap).isGreaterThanOrEqualTo(900);
        assertThat(secondGap).isGreaterThanOrEqualTo(1800).isGreaterThan(firstGap);
    }

    @Test
    void aTaskThatFailsEveryAttemptIsDeadLetteredAfterTheLastOne() {
        String id = api.enqueue(failUntil(0).build());

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(task.getInt("attempt")).isEqualTo(5);
        assertThat(task.getJsonArray("history")).hasSize(5);
        assertThat(task.getJsonObject("error").getString("classification")).isEqualTo("RETRYABLE");
        assertThat(task.getJsonObject("error").getString("message")).contains("attempt 5");
    }

    @Test
    void aTerminalFailureIsDeadLetteredAfterOneAttemptWithItsError() {
        String id = api.enqueue(failTerminally("401 Unauthorized from provider").build());

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(task.getInt("attempt")).isEqualTo(1);
        assertThat(task.getJsonArray("history")).hasSize(1);
        JsonObject error = task.getJsonObject("error");
        assertThat(error.getString("classification")).isEqualTo("TERMINAL");
        assertThat(error.getString("message")).isEqualTo("401 Unauthorized from provider");
        assertThat(error.getString("fingerprint")).isNotBlank();
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstTaskAndEnqueuesNothingNew() {
        String key = "order-" + UUID.randomUUID();
        long addedBefore = api.taskQueue().getJsonNumber("messagesAdded").longValue();

        Reply first = api.postJson(
                "tasks",
                echo(Json.createObjectBuilder()).add("idempotencyKey", key).build());
        Reply second = api.postJson(
                "tasks",
                echo(Json.createObjectBuilder().add("other", true))
                        .add("idempotencyKey", key)
                        .build());

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.json().getString("id");
        assertThat(second.json().getString("id")).isEqualTo(id);
        assertThat(settled(id).getJsonArray("history")).hasSize(1);
        // The broker's count can lag the delivery it counts: wait for it to move before checking it moved by one.
        assertThat(api.awaitMessagesAddedAbove(addedBefore, SETTLE)).isEqualTo(addedBefore + 1);
    }

    @Test
    void aDelayedTaskWaitsForItsDelayBeforeItsFirstAttempt() {
        String id = api.enqueue(
                echo(Json.createObjectBuilder()).add("delayMs", 2_000).build());

        assertThat(api.task(id).getString("state")).isEqualTo("QUEUED");
        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        long waited = Duration.between(
                        Instant.parse(task.getString("createdAt")), Instant.parse(task.getString("startedAt")))
                .toMillis();
        assertThat(waited).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void aSlowTaskIsRunningWhileItWorks() {
        String id = api.enqueue(sleep(1_500).build());

        JsonObject running = Deadline.await(
                "task " + id + " to run",
                SETTLE,
                () -> api.task(id),
                t -> !t.getString("state").equals("QUEUED"));

        assertThat(running.getString("state")).isIn("RUNNING", "COMPLETED");
        assertThat(settled(id).getJsonObject("result").getInt("slept_ms")).isEqualTo(1_500);
    }

    @Test
    void aTaskThatOutlivesItsTimeoutIsRetriedAsATimeout() {
        String id = api.enqueue(sleep(5_000).add("timeoutMs", 300).build());

        JsonObject failed =
                Deadline.await("task " + id + " to time out", SETTLE, () -> api.task(id), t -> !t.isNull("error"));

        assertThat(failed.getJsonObject("error").getString("type")).endsWith("TaskTimeoutException");
        assertThat(failed.getJsonObject("error").getString("classification")).isEqualTo("RETRYABLE");
    }

    @Test
    void healthReportsRedisAndTheBrokerUp() {
        Reply health = api.get("health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getJsonObject("redis").getString("status")).isEqualTo("UP");
        assertThat(health.json().getJsonObject("broker").getInt("consumers")).isPositive();
    }

    private JsonObject settled(String id) {
        return Deadline.await(
                "task " + id + " to settle", SETTLE, () -> api.task(id), t -> SETTLED.contains(t.getString("state")));
    }

    private static long gapMillis(JsonArray history, int from, int to) {
        return Duration.between(
                        Instant.parse(history.getJsonObject(from).getString("start")),
                        Instant.parse(history.getJsonObject(to).getString("start")))
                .toMillis();
    }
}
