package dev.agentqueue.reliability;

import static dev.agentqueue.testsupport.provider.CallWindows.most;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.provider.CallWindows;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider call limits held by two independent consumers: two WildFly nodes on one Redis and one Artemis broker pair
 * run a backlog of chat tasks for one agent against a fake OpenAI-compatible provider, which records each call's
 * arrival and tokens and the most calls it had at once. Each node enforces the same configured limits, and only
 * their shared state in Redis keeps the sum of both nodes' calls inside them. At CI size the limits are scaled up so
 * that the test takes well under a minute; at full size they are a real provider tier's.
 */
class LimitsAcrossNodesIT {

    private static final String AGENT = "metered";
    private static final String SCOPE = "agent:" + AGENT;
    private static final int TASKS = 300;
    private static final long REQUESTS_PER_MINUTE = Settings.size(600, 60);
    private static final long TOKENS_PER_MINUTE = Settings.size(60_000, 6_000);
    /** Fewer than either node's 8 workers alone, so that only a cluster-wide count keeps it. */
    private static final int CONCURRENT_CALLS = 4;
    /** A second's worth of each limit may be used at once (the default burst). */
    private static final long BURST_MS = 1000;
    /** Each call takes this long at the provider, so that calls overlap. */
    private static final int CALL_MS = 200;

    private static final int PROVIDER_PORT = Integer.getInteger("reliability.llm.port", 18380);

    @RegisterExtension
    static final ClusterRigExtension CLUSTER = new ClusterRigExtension(
            "limits-across-nodes",
            2,
            List.of(
                    "-Dagentqueue.agents." + AGENT + ".base-url=http://127.0.0.1:" + PROVIDER_PORT + "/v1",
                    "-Dagentqueue.agents." + AGENT + ".model=" + FakeOpenAi.MODEL,
                    "-Dagentqueue.agents." + AGENT + ".max-tokens=40",
                    "-Dagentqueue.agents." + AGENT + ".timeout=30s",
                    "-Dagentqueue.limits.agents." + AGENT + ".requests-per-minute=" + REQUESTS_PER_MINUTE,
                    "-Dagentqueue.limits.agents." + AGENT + ".tokens-per-minute=" + TOKENS_PER_MINUTE,
                    "-Dagentqueue.limits.agents." + AGENT + ".concurrent-calls=" + CONCURRENT_CALLS),
            Map.of("AGENTQUEUE_AGENTS_METERED_API_KEY", FakeOpenAi.API_KEY));

    private static FakeOpenAi provider;

    @BeforeAll
    static void startProvider() {
        provider = FakeOpenAi.start(PROVIDER_PORT);
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void twoNodesKeepTheProviderWithinTheLimitsTheyShareAndCompleteEveryTask() {
        ClusterRig rig = CLUSTER.rig();
        Results results = new Results("limits-across-nodes")
                .put("requestsPerMinute", REQUESTS_PER_MINUTE)
                .put("tokensPerMinute", TOKENS_PER_MINUTE)
                .put("concurrentCalls", CONCURRENT_CALLS)
                .put("callMs", CALL_MS);

        long began = System.currentTimeMillis();
        // Half the tasks through each node: producers on both, as well as consumers.
        List<String> ids = new ArrayList<>();
        for (int node = 0; node < rig.apis.size(); node++) {
            int from = node;
            ids.addAll(rig.apis
                    .get(node)
                    .enqueueAll(IntStream.range(0, TASKS)
                            .filter(n -> n % rig.apis.size() == from)
                            .mapToObj(n -> FakeOpenAi.slowChatTask(AGENT, n, CALL_MS))
                            .toList()));
        }
        Progress.say("accepted %d chat tasks", ids.size());
        // The limits alone take TASKS calls half a minute (CI) or five (full); the deadline leaves room for the load.
        TaskAccount account = Rig.settle(rig.api(), ids, Duration.ofMinutes(Settings.size(4, 15)));
        Duration took = Duration.ofMillis(System.currentTimeMillis() - began);
        Map<String, JsonObject> records = rig.apis.get(1).allTasks();
        List<FakeOpenAi.Call> calls = provider.calls();
        JsonObject counts = rig.apis.get(1).limitScope(SCOPE).getJsonObject("counts");

        results.put("account", account)
                .put("took", took)
                .put("providerCalls", calls.size())
                .put("mostRequestsIn10s", most(calls, 10_000, call -> 1))
                .put("mostTokensIn10s", most(calls, 10_000, FakeOpenAi.Call::tokens))
                .put("mostCallsAtOnce", provider.mostCallsAtOnce())
                .put("deferrals", counts.getJsonNumber("deferrals").longValue())
                .put("tokensReserved", counts.getJsonNumber("tokensReserved").longValue())
                .put("tokensUsed", counts.getJsonNumber("tokensUsed").longValue())
                .write();

        account.assertEveryTaskCompletedOnce(TASKS);
        assertThat(rig.api().deadLetterQueue().getJsonNumber("depth").longValue())
                .as("letters in the DLQ")
                .isZero();
        assertThat(ids)
                .allSatisfy(id -> assertThat(records.get(id).getInt("attempt"))
                        .as("attempt of task %s (a deferral spends none)", id)
                        .isEqualTo(1));
        assertThat(account.completedByNode())
                .as("tasks completed by each node")
                .containsOnlyKeys("agentqueue-1", "agentqueue-2")
                .allSatisfy((node, completed) -> assertThat(completed).isPositive());
        assertThat(calls).as("calls the provider answered").hasSize(TASKS);
        assertThat(CallWindows.overruns(calls, REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, BURST_MS, 2_000, 10_000, 60_000))
                .as("windows in which the provider saw more than the limits allow")
                .isEmpty();
        assertThat(provider.mostCallsAtOnce()).as("calls at once").isLessThanOrEqualTo(CONCURRENT_CALLS);
        assertThat(counts.getJsonNumber("admitted").longValue()).isEqualTo(TASKS);
        assertThat(counts.getJsonNumber("tokensUsed").longValue())
                .as("tokens both nodes settled, against those the provider reported")
                .isEqualTo(calls.stream().mapToLong(FakeOpenAi.Call::tokens).sum());
        assertThat(counts.getJsonNumber("deferrals").longValue())
                .as("deferrals: the limits bound")
                .isPositive();
    }
}
