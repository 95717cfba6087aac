package dev.agentqueue.breaker;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The breaker's Lua scripts against a real redis-server: transitions, and atomicity under concurrent writers. */
class BreakerScriptsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String NAME = "openai-127.0.0.1-9";
    private static final BreakerParameters FOUR_OF_EIGHT =
            new BreakerParameters(8, 0.5, Duration.ofSeconds(5), 2, Duration.ofSeconds(30));

    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        connection = REDIS.client().connect();
        redis = connection.sync();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void aBreakerOpensOnlyOnceItsWindowIsFullAndFailingEnough() {
        for (int i = 0; i < 7; i++) {
            assertThat(record(false, 1000)).isEqualTo(BreakerState.CLOSED);
        }
        assertThat(record(false, 1000)).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aWindowBelowTheFailureRatioStaysClosed() {
        for (int i = 0; i < 40; i++) {
            assertThat(record(i % 3 != 0, 1000)).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void anOpenBreakerRefusesUntilItsDelayThenAdmitsSuccessThresholdProbes() {
        openAt(1000);

        BreakerScripts.Permit refused = BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 5999);
        assertThat(refused.permitted()).isFalse();
        assertThat(refused.retryAt().toEpochMilli()).isEqualTo(6000);

        assertThat(BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 6000).permitted())
                .isTrue();
        assertThat(BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 6001).permitted())
                .isTrue();
        BreakerScripts.Permit third = BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 6002);
        assertThat(third.permitted()).isFalse();
        assertThat(third.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void halfOpenProbesCloseTheBreakerAfterSuccessThresholdSuccesses() {
        openAt(1000);
        BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 6000);

        assertThat(record(true, 6100)).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(record(true, 6200)).isEqualTo(BreakerState.CLOSED);
        assertThat(BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 6300).permitted())
                .isTrue();
    }

    @Test
    void aFailedProbeReopensTheBreakerForAnotherDelay() {
        openAt(1000);
        BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 6000);

        assertThat(record(false, 6100)).isEqualTo(BreakerState.OPEN);
        assertThat(BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 11099).permitted())
                .isFalse();
        assertThat(BreakerScripts.acquire(redis, NAME, FOUR_OF_EIGHT, 11100).permitted())
                .isTrue();
    }

    @Test
    void aLostProbesLeaseExpiresSoAnotherNodeMayProbe() {
        openAt(1000);
        BreakerParameters oneProbe = new BreakerParameters(8, 0.5, Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
        assertThat(BreakerScripts.acquire(redis, NAME, oneProbe, 6000).permitted())
                .isTrue();
        assertThat(BreakerScripts.acquire(redis, NAME, oneProbe, 15999).permitted())
                .isFalse();
        assertThat(BreakerScripts.acquire(redis, NAME, oneProbe, 16000).permitted())
                .isTrue();
    }

    @Test
    void resetClosesAKnownBreakerAndRefusesUnknownNames() {
        openAt(1000);

        assertThat(BreakerScripts.reset(redis, NAME)).isTrue();
        assertThat(BreakerScripts.read(redis, NAME).orElseThrow()).containsEntry("state", "CLOSED");
        assertThat(BreakerScripts.reset(redis, "nobody")).isFalse();
    }

    @Test
    void concurrentWritersKeepExactCountsAndTheStateOfASingleThreadedModel() throws Exception {
        int threads = 8;
        int perThread = 1250;
        // Zero delay: every outcome after an opening is a probe, so all three states are crossed many times.
        BreakerParameters parameters = new BreakerParameters(20, 0.5, Duration.ZERO, 1, Duration.ofSeconds(30));
        long now = 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<long[]>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Callable<List<long[]>> writer = () -> {
                List<long[]> seen = new ArrayList<>();
                Random random = new Random(seed);
                try (StatefulRedisConnection<String, String> own =
                        REDIS.client().connect()) {
                    for (int i = 0; i < perThread; i++) {
                        boolean success = random.nextInt(100) < 45;
                        BreakerScripts.Recorded recorded =
                                BreakerScripts.record(own.sync(), NAME, parameters, success, now);
                        seen.add(new long[] {
                            recorded.sequence(),
                            success ? 1 : 0,
                            recorded.state().ordinal()
                        });
                    }
                }
                return seen;
            };
            results.add(pool.submit(writer));
        }
        long[][] bySequence = new long[threads * perThread + 1][];
        for (Future<List<long[]>> result : results) {
            for (long[] call : result.get(2, TimeUnit.MINUTES)) {
                assertThat(bySequence[(int) call[0]])
                        .as("sequence %d seen twice", call[0])
                        .isNull();
                bySequence[(int) call[0]] = call;
            }
        }
        pool.shutdown();

        BreakerModel model = new BreakerModel(parameters);
        for (int seq = 1; seq < bySequence.length; seq++) {
            long[] call = bySequence[seq];
            assertThat(call).as("sequence %d missing", seq).isNotNull();
            BreakerState expected = model.record(call[1] == 1, now);
            assertThat(BreakerState.values()[(int) call[2]])
                    .as("state after call %d", seq)
                    .isEqualTo(expected);
        }
        Map<String, String> stored = BreakerScripts.read(redis, NAME).orElseThrow();
        assertThat(stored).containsEntry("calls", Long.toString(threads * perThread));
        assertThat(stored).containsEntry("successes", Long.toString(model.successes));
        assertThat(stored).containsEntry("failures", Long.toString(model.failures));
        assertThat(stored).containsEntry("opens", Long.toString(model.opens));
        assertThat(stored).containsEntry("state", model.state().name());
        assertThat(model.opens).as("the run crossed the states").isGreaterThan(10);
    }

    private BreakerState record(boolean success, long now) {
        return BreakerScripts.record(redis, NAME, FOUR_OF_EIGHT, success, now).state();
    }

    private void openAt(long now) {
        for (int i = 0; i < 8; i++) {
            record(false, now);
        }
        assertThat(BreakerScripts.read(redis, NAME).orElseThrow()).containsEntry("state", "OPEN");
    }
}
