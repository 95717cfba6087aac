package dev.agentqueue.task;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.testing.RedisServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Confirms held back to be sent together, against a real redis-server. The confirm is sent without waiting, and a
 * later command on the same connection is answered after it, so the expiries read here show it done.
 */
class ProvisionalRecordsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisGateway gateway;
    private TaskStore store;
    private ProvisionalRecords provisional;

    @BeforeEach
    void setUp() throws IOException {
        gateway = RedisGateway.of(REDIS.client());
        store = TaskStores.on(gateway);
        provisional = TaskStores.provisionalOn(store);
        // Cached before the first confirm: a script Redis does not know yet is sent again after the NOSCRIPT answer,
        // which a command sent meanwhile would overtake.
        try (InputStream in = getClass().getResourceAsStream("/dev/agentqueue/redis/confirm-task.lua")) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            gateway.call(r -> r.scriptLoad(source));
        }
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void heldConfirmsLeaveTheRecordsProvisionalUntilTheyAreSentTogether() {
        NewTask keyed = aNewTask().withIdempotencyKey("held-1").build();
        NewTask plain = aNewTask().build();
        store.createAll(List.of(keyed, plain), true);

        provisional.confirmSoon(List.of(keyed));
        provisional.confirmSoon(List.of(plain));

        assertThat(ttl(RedisKeys.task(keyed.id()))).isPositive();
        assertThat(ttl(RedisKeys.task(plain.id()))).isPositive();

        provisional.confirmHeld();

        assertThat(ttl(RedisKeys.task(keyed.id()))).isEqualTo(-1L);
        assertThat(ttl(RedisKeys.task(plain.id()))).isEqualTo(-1L);
        assertThat(ttl(RedisKeys.idempotency("held-1"))).isGreaterThan(23 * 3600L);
    }

    @Test
    void anEnqueueThatFillsABatchSendsTheHeldConfirmsAtOnce() {
        List<NewTask> tasks = IntStream.range(0, ProvisionalRecords.CONFIRM_BATCH)
                .mapToObj(i -> aNewTask().build())
                .toList();
        store.createAll(tasks, true);

        provisional.confirmSoon(tasks.subList(0, 1));
        provisional.confirmSoon(tasks.subList(1, tasks.size()));

        assertThat(tasks)
                .allSatisfy(task -> assertThat(ttl(RedisKeys.task(task.id()))).isEqualTo(-1L));
    }

    @Test
    void aBatchOfAtLeastACallsWorthIsConfirmedAtOnceWithoutTheHeldOnes() {
        NewTask held = aNewTask().build();
        List<NewTask> batch = IntStream.range(0, ProvisionalRecords.CONFIRM_BATCH)
                .mapToObj(i -> aNewTask().build())
                .toList();
        store.create(held, true);
        store.createAll(batch, true);

        provisional.confirmSoon(List.of(held));
        provisional.confirmSoon(batch);

        assertThat(batch)
                .allSatisfy(task -> assertThat(ttl(RedisKeys.task(task.id()))).isEqualTo(-1L));
        assertThat(ttl(RedisKeys.task(held.id()))).isPositive();
    }

    @Test
    void aHeldConfirmLeavesATaskAWorkerStartedAndFinishedAsItsRetentionSays() {
        NewTask task = aNewTask().build();
        store.create(task, true);
        provisional.confirmSoon(List.of(task));
        store.start(task.id(), 1, 5, "node-a", 1_000);
        store.complete(task.id(), 1, "{}", "[]", 2_000);

        provisional.confirmHeld();

        assertThat(ttl(RedisKeys.task(task.id()))).isBetween(1L, 7 * 24 * 3600L);
    }

    private long ttl(String key) {
        return gateway.call(r -> r.ttl(key));
    }
}
