package dev.agentqueue.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.limits.LimitScripts.Call;
import dev.agentqueue.limits.LimitScripts.Limited;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.testing.RedisServerExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limit Lua scripts against a real redis-server: each algorithm, and concurrent callers against a model. */
class LimitScriptsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final AtomicInteger SCOPES = new AtomicInteger();

    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private LimitScope endpoint;
    private LimitScope agent;

    @BeforeEach
    void connect() {
        connection = REDIS.client().connect();
        redis = connection.sync();
        int n = SCOPES.incrementAndGet();
        endpoint = LimitScope.endpoint("openai-127.0.0.1-" + n);
        agent = LimitScope.agent("agent-" + n);
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void requestsPassInABurstOfASecondsWorthThenOneEmissionIntervalApart() {
        List<Limited> scopes = List.of(limited(endpoint, new LimitParameters(600, 0, 0, SECOND)));
        for (int i = 0; i < 10; i++) {
            assertThat(acquire(scopes, "c" + i, 0, 1000).admitted()).isTrue();
        }
        Admission refused = acquire(scopes, "c10", 0, 1000);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAtMs()).isEqualTo(1100);
        assertThat(refused.reason()).isEqualTo("limit on requests of " + endpoint.name() + " reached");
        assertThat(acquire(scopes, "c11", 0, 1100).admitted()).isTrue();
    }

    @Test
    void refusedCallsAreToldToComeBackOneIntervalAfterAnother() {
        List<Limited> scopes = List.of(limited(endpoint, new LimitParameters(60, 0, 0, SECOND)));
        assertThat(acquire(scopes, "first", 0, 0).admitted()).isTrue();

        assertThat(acquire(scopes, "a", 0, 10).retryAtMs()).isEqualTo(1000);
        assertThat(acquire(scopes, "b", 0, 20).retryAtMs()).isEqualTo(2000);
        assertThat(acquire(scopes, "c", 0, 30).retryAtMs()).isEqualTo(3000);
    }

    @Test
    void aTokenReservationIsSettledWithTheActualUsage() {
        List<Limited> scopes = List.of(limited(endpoint, new LimitParameters(0, 60_000, 0, SECOND)));
        Call big = call("big", 900);
        assertThat(LimitScripts.acquire(redis, scopes, big, 500, 0).admitted()).isTrue();
        Admission refused = acquire(scopes, "next", 200, 0);
        assertThat(refused.dimension()).isEqualTo("tokens");
        assertThat(refused.retryAtMs()).isEqualTo(100);

        LimitScripts.settle(redis, scopes, big, 100, 0);

        assertThat(acquire(scopes, "after-settling", 800, 0).admitted()).isTrue();
        Map<String, String> state = LimitScripts.read(redis, endpoint);
        assertThat(state).containsEntry("tokensReserved", "1700").containsEntry("tokensUsed", "100");
    }

    @Test
    void aCallUsingMoreThanItsEstimateLeavesADebtTheNextCallsWaitFor() {
        List<Limited> scopes = List.of(limited(endpoint, new LimitParameters(0, 60_000, 0, SECOND)));
        Call call = call("under-estimated", 100);
        LimitScripts.acquire(redis, scopes, call, 500, 0);

        LimitScripts.settle(redis, scopes, call, 2000, 0);

        Admission refused = acquire(scopes, "next", 100, 0);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAtMs()).isEqualTo(1100);
    }

    @Test
    void anEstimateAboveTheBucketRunsOnceTheBucketIsFull() {
        List<Limited> scopes = List.of(limited(endpoint, new LimitParameters(0, 6_000, 0, SECOND)));

        assertThat(acquire(scopes, "huge", 5_000, 0).admitted()).isTrue();
        assertThat(acquire(scopes, "waits", 5_000, 0).retryAtMs()).isEqualTo(50_000);
    }

    @Test
    void callSlotsComeBackWhenSettledOrWhenTheirLeaseExpires() {
        List<Limited> scopes = List.of(limited(endpoint, new LimitParameters(0, 0, 2, SECOND)));
        Call settled = new Call("settled", 60_000, 0);
        Call crashed = new Call("crashed", 5_000, 0);
        LimitScripts.acquire(redis, scopes, settled, 500, 0);
        LimitScripts.acquire(redis, scopes, crashed, 500, 0);
        Admission full = acquire(scopes, "third", 0, 10);
        assertThat(full.dimension()).isEqualTo("calls");
        assertThat(full.retryAtMs()).isEqualTo(510);

        LimitScripts.settle(redis, scopes, settled, 0, 20);
        assertThat(acquire(scopes, "fourth", 0, 30).admitted()).isTrue();
        assertThat(acquire(scopes, "fifth", 0, 40).admitted()).isFalse();
        assertThat(acquire(scopes, "after-the-crash", 0, 5_000).admitted()).isTrue();
        assertThat(LimitScripts.activeCalls(redis, endpoint, 5_000)).isEqualTo(2);
    }

    @Test
    void aCallRefusedByOneScopeTakesNothingFromTheOthers() {
        List<Limited> scopes = List.of(
                limited(endpoint, new LimitParameters(600, 0, 0, SECOND)),
                limited(agent, new LimitParameters(0, 0, 1, SECOND)));
        assertThat(acquire(scopes, "runs", 0, 0).admitted()).isTrue();

        for (int i = 0; i < 20; i++) {
            assertThat(acquire(scopes, "refused-" + i, 0, 0).scope()).isEqualTo(agent.name());
        }

        List<Limited> endpointOnly = List.of(scopes.get(0));
        for (int i = 1; i < 10; i++) {
            assertThat(acquire(endpointOnly, "other-" + i, 0, 0).admitted()).isTrue();
        }
    }

    @Test
    void aPausedScopeRefusesEveryCallUntilThePauseEndsAndAPauseOnlyGrows() {
        List<Limited> scopes = List.of(limited(endpoint, LimitParameters.NONE));
        assertThat(LimitScripts.pause(redis, endpoint, 2_000)).isTrue();
        assertThat(LimitScripts.pause(redis, endpoint, 1_500)).isFalse();

        Admission paused = acquire(scopes, "paused", 0, 1_000);
        assertThat(paused.retryAtMs()).isEqualTo(2_000);
        assertThat(paused.reason()).isEqualTo("the provider of " + endpoint.name() + " is about to refuse calls");
        assertThat(acquire(scopes, "after", 0, 2_000).admitted()).isTrue();
    }

    @Test
    void liveSettingsInRedisOverrideTheConfiguredLimits() {
        List<Limited> scopes = List.of(limited(endpoint, LimitParameters.NONE));
        redis.hset(RedisKeys.limitSettings(endpoint.name()), Map.of("concurrentCalls", "1"));

        assertThat(acquire(scopes, "one", 0, 0).admitted()).isTrue();
        assertThat(acquire(scopes, "two", 0, 0).dimension()).isEqualTo("calls");
        assertThat(redis.smembers(RedisKeys.limits())).contains(endpoint.name());
    }

    @Test
    void concurrentCallersGetTheAnswersOfASingleThreadedModel() throws Exception {
        int threads = 8;
        int perThread = 500;
        List<Limited> scopes = List.of(
                limited(endpoint, new LimitParameters(6_000, 120_000, 0, SECOND)),
                limited(agent, new LimitParameters(0, 0, 12, SECOND)));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Object[]>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Callable<List<Object[]>> caller = () -> {
                List<Object[]> seen = new ArrayList<>();
                Random random = new Random(seed);
                try (StatefulRedisConnection<String, String> own =
                        REDIS.client().connect()) {
                    for (int i = 0; i < perThread; i++) {
                        long now = 10L * i + random.nextInt(20);
                        Call call = new Call(seed + "-" + i, now + 50 + random.nextInt(200), 10 + random.nextInt(190));
                        Admission answer = LimitScripts.acquire(own.sync(), scopes, call, 25, now);
                        seen.add(new Object[] {call, now, answer});
                    }
                }
                return seen;
            };
            results.add(pool.submit(caller));
        }
        Object[][] bySequence = new Object[threads * perThread + 1][];
        for (Future<List<Object[]>> result : results) {
            for (Object[] call : result.get(2, TimeUnit.MINUTES)) {
                int sequence = (int) ((Admission) call[2]).sequence();
                assertThat(bySequence[sequence])
                        .as("sequence %d seen twice", sequence)
                        .isNull();
                bySequence[sequence] = call;
            }
        }
        pool.shutdown();

        LimitModel model = new LimitModel();
        int admitted = 0;
        for (int sequence = 1; sequence < bySequence.length; sequence++) {
            Object[] call = bySequence[sequence];
            assertThat(call).as("sequence %d missing", sequence).isNotNull();
            Admission expected = model.acquire(scopes, (Call) call[0], 25, (long) call[1], sequence);
            assertThat(call[2]).as("answer to call %d", sequence).isEqualTo(expected);
            admitted += expected.admitted() ? 1 : 0;
        }
        assertThat(LimitScripts.read(redis, endpoint)).containsEntry("admitted", Integer.toString(admitted));
        assertThat(admitted).as("some calls were refused and some admitted").isBetween(100, threads * perThread - 100);
    }

    private Admission acquire(List<Limited> scopes, String id, long tokens, long now) {
        return LimitScripts.acquire(redis, scopes, call(id, tokens), 500, now);
    }

    private static Call call(String id, long tokens) {
        return new Call(id, Long.MAX_VALUE / 2, tokens);
    }

    private static Limited limited(LimitScope scope, LimitParameters parameters) {
        return new Limited(scope, parameters);
    }
}
