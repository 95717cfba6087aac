package dev.agentqueue.it;

import static dev.agentqueue.it.support.FlowRequests.flow;
import static dev.agentqueue.it.support.FlowRequests.step;
import static dev.agentqueue.testsupport.provider.CallWindows.most;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.FakeServer;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.CallWindows;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider call limits end to end: a backlog of chat tasks for the {@code metered} agent (3 concurrent calls
 * configured, requests and tokens per minute set live) against the fake provider, which records each call's arrival
 * and tokens and the most calls it had at once; and token budgets, a concurrency key's set live, charged with the
 * provider's usage and refusing the key's next tasks with 429 once spent.
 */
@ExtendWith(ArquillianExtension.class)
class LimitsIT {

    private static final Logger LOG = Logger.getLogger(LimitsIT.class.getName());

    private static final String SCOPE = "agent:metered";
    private static final int TASKS = 240;
    private static final long REQUESTS_PER_MINUTE = 600;
    private static final long TOKENS_PER_MINUTE = 48_000;
    private static final int CONCURRENT_CALLS = 3;
    /** A second's worth of each limit may be used at once (the default burst). */
    private static final long BURST_MS = 1000;
    /** Each call takes this long at the provider, so that the concurrency limit binds. */
    private static final int CALL_MS = 300;

    private static final Set<String> SETTLED = Set.of("COMPLETED", "DEAD_LETTER");

    @RegisterExtension
    static final FakeServer<FakeOpenAi> provider =
            FakeServer.of(() -> FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port")));

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aBacklogUnderLimitsCompletesWithoutTheProviderEverSeeingThemExceeded() {
        JsonObject live = admin.putJsonText(
                        "limits/" + SCOPE,
                        "{\"requestsPerMinute\":" + REQUESTS_PER_MINUTE + ",\"tokensPerMinute\":" + TOKENS_PER_MINUTE
                                + "}")
                .expect(200)
                .json();
        assertThat(live.getBoolean("live")).isTrue();
        assertThat(live.getJsonObject("limits").getInt("concurrentCalls"))
                .as("configured")
                .isEqualTo(CONCURRENT_CALLS);

        int earlier = provider.get().calls().size();
        long began = System.currentTimeMillis();
        List<String> ids = api.enqueueAll(IntStream.range(0, TASKS)
                .mapToObj(n -> FakeOpenAi.slowChatTask("metered", n, CALL_MS))
                .toList());
        List<JsonObject> tasks = new ArrayList<>();
        for (String id : ids) {
            tasks.add(Deadline.await(
                    "task " + id + " to settle",
                    Duration.ofSeconds(120),
                    () -> api.task(id),
                    t -> SETTLED.contains(t.getString("state"))));
        }
        long tookMs = System.currentTimeMillis() - began;

        assertThat(tasks).allSatisfy(t -> assertThat(t.getString("state")).isEqualTo("COMPLETED"));
        assertThat(tasks).allSatisfy(t -> assertThat(t.getInt("attempt")).isEqualTo(1));
        List<FakeOpenAi.Call> all = provider.get().calls();
        List<FakeOpenAi.Call> calls = all.subList(earlier, all.size());
        assertThat(calls).hasSize(TASKS);
        assertThat(CallWindows.overruns(calls, REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, BURST_MS, 2_000, 10_000))
                .as("windows in which the provider saw more than the limits allow")
                .isEmpty();
        assertThat(provider.get().mostCallsAtOnce()).isLessThanOrEqualTo(CONCURRENT_CALLS);

        JsonObject deferred = tasks.stream()
                .filter(t -> t.containsKey("deferrals"))
                .max(Comparator.comparingInt(t -> t.getInt("deferrals")))
                .orElseThrow(() -> new AssertionError("no task was deferred"));
        assertThat(deferred.getString("deferredReason")).startsWith("limit on ").contains(SCOPE);
        assertThat(deferred.getString("deferredUntil")).isNotBlank();

        JsonObject scope = api.limitScope(SCOPE);
        JsonObject counts = scope.getJsonObject("counts");
        long reported = calls.stream().mapToLong(FakeOpenAi.Call::tokens).sum();
        assertThat(counts.getJsonNumber("admitted").longValue()).isEqualTo(TASKS);
        assertThat(counts.getJsonNumber("tokensUsed").longValue()).isEqualTo(reported);
        assertThat(counts.getJsonNumber("tokensReserved").longValue()).isGreaterThanOrEqualTo(reported);
        assertThat(counts.getJsonNumber("deferrals").longValue()).isPositive();
        assertThat(counts.getInt("activeCalls")).isZero();
        LOG.info(() -> "LIMITS tasks=" + TASKS + " tookMs=" + tookMs + " tokens=" + reported + " deferrals="
                + counts.getJsonNumber("deferrals") + " mostAtOnce="
                + provider.get().mostCallsAtOnce()
                + " requestsIn10s=" + most(calls, 10_000, c -> 1) + " tokensIn10s="
                + most(calls, 10_000, FakeOpenAi.Call::tokens));

        JsonObject cleared = admin.delete("limits/" + SCOPE).expect(200).json();
        assertThat(cleared.getBoolean("live")).isFalse();
        assertThat(cleared.getJsonObject("limits").getInt("requestsPerMinute")).isZero();
    }

    @Test
    void aProviderSayingItIsAboutToRefuseCallsPausesItsEndpointWithoutUsingAttempts() {
        String warned = api.enqueue(AgentIT.chat("scribe", "[[ratelimit-low:3000]] almost out " + UUID.randomUUID()));
        JsonObject first = api.awaitState(warned, "COMPLETED", Duration.ofSeconds(30));

        String next = api.enqueue(AgentIT.chat("scribe", "next " + UUID.randomUUID()));
        JsonObject second = api.awaitState(next, "COMPLETED", Duration.ofSeconds(30));

        assertThat(second.getInt("attempt")).isEqualTo(1);
        assertThat(second.getString("deferredReason")).contains("is about to refuse calls");
        assertThat(Duration.between(
                                Instant.parse(first.getString("finishedAt")),
                                Instant.parse(second.getString("startedAt")))
                        .toMillis())
                .isGreaterThan(2_000);
    }

    @Test
    void aLimitChangeWithANegativeOrFractionalLimitIsRefusedWithAProblem() {
        for (String body : List.of("{\"requestsPerMinute\":-1}", "{\"tokensPerMinute\":1.5}", "{\"rpm\":1}")) {
            Reply reply = admin.putJsonText("limits/" + SCOPE, body);

            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(admin.putJsonText("limits/tenant:acme", "{}").status()).isEqualTo(400);
    }

    @Test
    void aKeyThatSpentItsDailyBudgetIsRefusedWithA429UntilTheNextUtcMidnight() {
        String key = "tenant-" + UUID.randomUUID();
        JsonObject live = admin.putJsonText("limits/key:" + key, "{\"tokensPerDay\":5}")
                .expect(200)
                .json();
        assertThat(live.getJsonObject("limits").getInt("tokensPerDay")).isEqualTo(5);

        String id = api.enqueue(keyed(key, "spend the budget"));
        JsonObject task = api.awaitState(id, "COMPLETED", Duration.ofSeconds(30));
        JsonObject usage = task.getJsonObject("usage");
        long used = usage.getInt("input_tokens") + usage.getInt("output_tokens");
        assertThat(used).as("the fake provider's usage").isGreaterThanOrEqualTo(5);
        JsonObject counts = api.limitScope("key:" + key).getJsonObject("counts");
        if (task.getInt("attempt") == 1) {
            assertThat(counts.getJsonNumber("tokensToday").longValue()).isEqualTo(used);
            assertThat(counts.getJsonNumber("tokensThisMonth").longValue()).isEqualTo(used);
        } else {
            // On a loaded machine an attempt can outlast the agent's 2 s timeout: with no usage reported, the
            // budget is charged that attempt's estimate, on top of the usage of the attempt that completed.
            assertThat(counts.getJsonNumber("tokensToday").longValue()).isGreaterThan(used);
            assertThat(counts.getJsonNumber("tokensThisMonth").longValue()).isGreaterThan(used);
        }

        Reply refused = api.submit(keyed(key, "one more"));

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
        api.awaitState(api.enqueue(keyed(spent, "spend it")), "COMPLETED", Duration.ofSeconds(30));
        String idempotencyKey = UUID.randomUUID().toString();
        JsonObject other = Json.createObjectBuilder(keyed("tenant-" + UUID.randomUUID(), "other tenant"))
                .add("idempotencyKey", idempotencyKey)
                .build();

        Reply refused = api.submitBatch(List.of(other, keyed(spent, "over budget")));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().getString("window")).isEqualTo("month");
        assertThat(refused.header("Retry-After")).isNotBlank();
        Reply accepted = api.submit(other).expect(202);
        assertThat(accepted.header("Idempotent-Replayed"))
                .as("the refused batch enqueued nothing")
                .isNull();
    }

    @Test
    void aFlowWhoseFirstStepDrawsOnASpentBudgetIsRefusedWithA429() {
        String spent = "tenant-" + UUID.randomUUID();
        admin.putJsonText("limits/key:" + spent, "{\"tokensPerMonth\":1}").expect(200);
        api.awaitState(api.enqueue(keyed(spent, "spend it")), "COMPLETED", Duration.ofSeconds(30));

        Reply refused = api.postJson(
                "flows",
                flow(
                        step("other", Json.createObjectBuilder(keyed("tenant-" + UUID.randomUUID(), "other"))),
                        step("first", Json.createObjectBuilder(keyed(spent, "over budget")))));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).endsWith("budget-exhausted");
        assertThat(refused.json().getString("scope")).isEqualTo("key:" + spent);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    /** Returns a chat task for the scribe agent under a concurrency key. */
    private static JsonObject keyed(String key, String message) {
        return Json.createObjectBuilder(AgentIT.chat("scribe", message + " " + UUID.randomUUID()))
                .add("concurrencyKey", key)
                .build();
    }
}
