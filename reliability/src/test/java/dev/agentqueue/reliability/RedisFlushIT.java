package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis loses its data mid-run ({@code FLUSHALL} while workers run tasks): the broker still holds every message, and
 * the worker writes a missing record again from the message's envelope, also for an attempt that was running when the
 * record vanished. Every task that had not completed before the flush must end COMPLETED with its result recorded.
 */
class RedisFlushIT {

    private static final long TASK_MS = 200;

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("redis-flush");

    @Test
    void everyTaskNotYetCompletedWhenRedisIsFlushedStillCompletes() throws Exception {
        Rig rig = RIG.rig();
        int tasks = Settings.size(200, 1_000);
        Results results = new Results("redis-flush").put("taskMs", TASK_MS);

        JsonObject sleep =
                Rig.job("sleep", Json.createObjectBuilder().add("ms", TASK_MS).build());
        List<String> ids = rig.enqueueBacklog(tasks, sleep);
        rig.awaitAcknowledged(tasks / 4);

        // Which tasks completed before the flush (their records go with it) must be known exactly: pause, let the
        // running attempts finish, read the account, then resume and flush while the next attempts run.
        rig.server.pauseTaskQueue();
        Deadline.await(
                "the running attempts to finish",
                Duration.ofMinutes(2),
                rig.api::taskQueue,
                q -> q.getJsonNumber("delivering").longValue() == 0,
                q -> "delivering " + q.get("delivering"));
        Set<String> completedBefore = rig.api.allTasks().values().stream()
                .filter(t -> "COMPLETED".equals(t.getString("state")))
                .map(t -> t.getString("id"))
                .collect(Collectors.toSet());
        rig.server.resumeTaskQueue();
        JsonObject atFlush = Deadline.await(
                "workers to run tasks again",
                Duration.ofMinutes(1),
                rig.api::taskQueue,
                q -> q.getJsonNumber("delivering").longValue() > 0,
                q -> "delivering " + q.get("delivering"));
        Instant flushed = Instant.now();
        rig.redis.flushAll();

        List<String> inFlight = new ArrayList<>(ids);
        inFlight.removeAll(completedBefore);
        TaskAccount account = rig.settle(inFlight, Duration.ofMinutes(10));

        results.put("accepted", ids.size())
                .put("completedBeforeFlush", completedBefore.size())
                .put("deliveringAtFlush", atFlush.getJsonNumber("delivering").longValue())
                .put("account", account)
                .put("settledAfterFlush", Duration.between(flushed, account.lastFinishedAt()))
                .write();

        assertThat(completedBefore)
                .as("tasks completed before the flush")
                .isNotEmpty()
                .hasSizeLessThan(tasks);
        account.assertEveryTaskCompletedOnce(inFlight.size());
    }
}
