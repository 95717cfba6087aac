package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.FakeOpenAi;
import dev.agentqueue.it.support.FakeServer;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token budgets end to end: a concurrency key's daily budget, set live by an admin, is charged with the usage the
 * fake provider reports, and once spent refuses the key's next tasks, single and batched, with a 429 until the next
 * UTC midnight.
 */
@ExtendWith(ArquillianExtension.class)
class TokenBudgetIT {

    @RegisterExtension
    static final FakeServer<FakeOpenAi> PROVIDER =
            FakeServer.of(() -> FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port")));

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aKeyThatSpentItsDailyBudgetIsRefusedWithA429UntilTheNextUtcMidnight() {
        String key = "tenant-" + UUID.randomUUID();
        JsonObject live = admin.putJsonText("limits/key:" + key, "{\"tokensPerDay\":5}")
                .expect(200)
                .json();
        assertThat(live.getJsonObject("limits").getInt("tokensPerDay")).isEqualTo(5);

        String id = api.enqueue(chat(key, "spend the budget"));
        JsonObject usage =
                api.awaitState(id, "COMPLETED", Duration.ofSeconds(30)).getJsonObject("usage");
        long used = usage.getInt("input_tokens") + usage.getInt("output_tokens");
        assertThat(used).as("the fake provider's usage").isGreaterThanOrEqualTo(5);
        JsonObject counts = LimitsIT.scope(api, "key:" + key).getJsonObject("counts");
        assertThat(counts.getJsonNumber("tokensToday").longValue()).isEqualTo(used);
        assertThat(counts.getJsonNumber("tokensThisMonth").longValue()).isEqualTo(used);

        Reply refused = api.submit(chat(key, "one more"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonObject problem = refused.json();
        assertThat(problem.getString("type")).endsWith("budget-exhausted");
        assertThat(problem.getString("scope")).isEqualTo("key:" + key);
        assertThat(problem.getString("window")).isEqualTo("day");
        Instant midnight = LocalDate.now(ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        assertThat(Instant.parse(problem.getString("retryAt"))).isEqualTo(midnight);
        long toMidnight = Duration.between(Instant.now(), midnight).toSeconds();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(toMidnight - 5, toMidnight + 5);
    }

    @Test
    void aBatchWithOneTaskOfASpentKeyIsRefusedWhole() {
        String spent = "tenant-" + UUID.randomUUID();
        admin.putJsonText("limits/key:" + spent, "{\"tokensPerMonth\":1}").expect(200);
        api.awaitState(api.enqueue(chat(spent, "spend it")), "COMPLETED", Duration.ofSeconds(30));
        String idempotencyKey = UUID.randomUUID().toString();
        JsonObject other = Json.createObjectBuilder(chat("tenant-" + UUID.randomUUID(), "other tenant"))
                .add("idempotencyKey", idempotencyKey)
                .build();

        Reply refused = api.submitBatch(List.of(other, chat(spent, "over budget")));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().getString("window")).isEqualTo("month");
        assertThat(refused.header("Retry-After")).isNotBlank();
        Reply accepted = api.submit(other).expect(202);
        assertThat(accepted.header("Idempotent-Replayed"))
                .as("the refused batch enqueued nothing")
                .isNull();
    }

    private static JsonObject chat(String key, String message) {
        return Json.createObjectBuilder(AgentIT.chat("scribe", message + " " + UUID.randomUUID()))
                .add("concurrencyKey", key)
                .build();
    }
}
