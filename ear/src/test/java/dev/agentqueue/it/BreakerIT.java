package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.DeadLetters;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared circuit breaker end to end: a provider that is down opens its breaker, tasks behind it are deferred
 * without spending attempts, and when the provider comes back the half-open probe closes it and every task
 * completes. The agent {@code steady} calls an endpoint whose breaker the build configures with a window of 4 and
 * a delay of 2 s.
 */
@ExtendWith(ArquillianExtension.class)
class BreakerIT {

    private static final int TASKS = 10;
    private static final int VOLUME_THRESHOLD = 4;

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aDownProviderOpensItsBreakerAndDeferredTasksCompleteAfterRecovery() {
        int port = FakeOpenAi.port("agentqueue.it.llm-down-port");
        String breaker = "openai-127.0.0.1-" + port;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            ids.add(api.enqueue(AgentIT.chat("steady", "task " + i + " " + UUID.randomUUID())));
        }

        JsonObject open = Deadline.await(
                        "breaker " + breaker + " to open and defer tasks",
                        Duration.ofSeconds(60),
                        () -> breaker(breaker),
                        b -> b.isPresent()
                                && "OPEN".equals(b.get().getString("state"))
                                && b.get().getJsonObject("counts").getInt("rejected") > 0)
                .orElseThrow();
        assertThat(open.getString("nextHalfOpenAt")).isNotEmpty();
        assertThat(open.getJsonObject("parameters").getInt("requestVolumeThreshold"))
                .isEqualTo(VOLUME_THRESHOLD);
        assertThat(api.get("health").json().getJsonObject("breakers").getString(breaker))
                .isIn("OPEN", "HALF_OPEN");

        try (FakeOpenAi provider = FakeOpenAi.start(port)) {
            List<JsonObject> tasks = new ArrayList<>();
            for (String id : ids) {
                tasks.add(Deadline.await(
                        "task " + id + " to complete after recovery",
                        Duration.ofSeconds(120),
                        () -> api.task(id),
                        t -> !Set.of("QUEUED", "RUNNING", "FAILED").contains(t.getString("state"))));
            }
            for (JsonObject task : tasks) {
                assertThat(task.getString("state")).as(task.toString()).isEqualTo("COMPLETED");
                assertThat(task.getInt("attempt")).as(task.toString()).isLessThanOrEqualTo(VOLUME_THRESHOLD);
            }
            JsonObject closed = breaker(breaker).orElseThrow();
            assertThat(closed.getString("state")).isEqualTo("CLOSED");
            assertThat(closed.getJsonObject("counts").getInt("opens")).isGreaterThanOrEqualTo(1);
            assertThat(closed.get("nextHalfOpenAt")).isEqualTo(JsonValue.NULL);
            assertThat(provider.requests()).isGreaterThanOrEqualTo(TASKS);
        }

        Reply reset = api.as(Role.ADMIN.apiUser()).post("breakers/" + breaker + "/reset", "application/json", "");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().getString("state")).isEqualTo("CLOSED");
        assertThat(reset.json().getJsonObject("counts").getInt("calls")).isZero();
    }

    @Test
    void aGroupOrderedToRedriveWhenTheBreakerClosesIsRedrivenCanaryFirstAndCompletes() {
        AgentQueueApi admin = api.as(Role.ADMIN.apiUser());
        DeadLetters letters = new DeadLetters(api);
        int port = FakeOpenAi.port("agentqueue.it.llm-down-port");
        String breaker = "openai-127.0.0.1-" + port;
        List<String> ids = letters.make(3, failUntilRedriven("retryable", "provider gone " + UUID.randomUUID(), 0));
        String fingerprint = letters.fingerprint(ids.get(0));
        String order = admin.postJson(
                        "dlq/breaker-redrives",
                        Json.createObjectBuilder()
                                .add("fingerprint", fingerprint)
                                .add("breaker", breaker)
                                .add("canary", 1)
                                .build())
                .expect(201)
                .json()
                .getString("id");

        // Failing calls open the breaker, and the runner sees it open.
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < VOLUME_THRESHOLD; i++) {
            chats.add(api.enqueue(AgentIT.chat("steady", "opens " + i + " " + UUID.randomUUID())));
        }
        awaitOrder(order, o -> "OPEN".equals(o.getString("lastSeen")));

        try (FakeOpenAi provider = FakeOpenAi.start(port)) {
            admin.post("breakers/" + breaker + "/reset", "application/json", "").expect(200);
            String job = awaitOrder(order, o -> o.get("lastJobId") instanceof JsonString)
                    .getString("lastJobId");
            JsonObject done = Deadline.await(
                    "redrive job " + job + " to complete",
                    DeadLetters.SETTLE,
                    () -> api.get("dlq/redrive-jobs/" + job).expect(200).json(),
                    j -> j.getString("state").equals("COMPLETED"),
                    JsonObject::toString);

            assertThat(done.getJsonArray("canaryTaskIds")).hasSize(1);
            assertThat(done.getInt("redriven")).isEqualTo(3);
            ids.forEach(id -> api.awaitState(id, "COMPLETED", DeadLetters.SETTLE));
            chats.forEach(id -> api.awaitState(id, "COMPLETED", DeadLetters.SETTLE));
            assertThat(letters.count(fingerprint)).isZero();
        } finally {
            admin.delete("dlq/breaker-redrives/" + order);
            admin.post("breakers/" + breaker + "/reset", "application/json", "");
        }
    }

    @Test
    void onlyAnAdminMayResetABreakerAndReadingNeedsCredentials() {
        assertThat(api.post("breakers/any/reset", "application/json", "").status())
                .isEqualTo(403);
        assertThat(api.anonymous().get("breakers").status()).isEqualTo(401);
        assertThat(api.as(Role.VIEWER.apiUser()).get("breakers").status()).isEqualTo(200);
    }

    @Test
    void breakersAreListedAndUnknownOnesAreNotFound() {
        Reply list = api.get("breakers");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().getJsonArray("items")).isNotNull();

        assertThat(api.as(Role.ADMIN.apiUser())
                        .post("breakers/no-such-breaker/reset", "application/json", "")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("breakers/no-such-breaker").status()).isEqualTo(404);
    }

    private JsonObject awaitOrder(String id, Predicate<JsonObject> condition) {
        return Deadline.await(
                "breaker redrive " + id,
                Duration.ofSeconds(60),
                () ->
                        Json.createReader(new StringReader(api.get("dlq/breaker-redrives")
                                        .expect(200)
                                        .body()))
                                .readArray()
                                .stream()
                                .map(JsonValue::asJsonObject)
                                .filter(o -> id.equals(o.getString("id")))
                                .findFirst()
                                .orElseThrow(),
                condition,
                JsonObject::toString);
    }

    private Optional<JsonObject> breaker(String name) {
        Reply reply = api.get("breakers");
        return reply.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(b -> name.equals(b.getString("name")))
                .findFirst();
    }
}
