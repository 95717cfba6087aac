package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    private Optional<JsonObject> breaker(String name) {
        Reply reply = api.get("breakers");
        return reply.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(b -> name.equals(b.getString("name")))
                .findFirst();
    }
}
