package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis loses its data mid-run ({@code FLUSHALL} while workers run tasks): the broker still holds every message, and
 * the worker writes a missing record again from the message's envelope, also for an attempt that was running when the
 * record vanished. Every task the broker had not yet acknowledged at the flush must end COMPLETED with its result
 * recorded; only the records of tasks completed before the flush may be gone.
 */
class RedisFlushIT {

    private static final long TASK_MS = 200;
    /**
     * The workers (maxSession): each may have recorded its task COMPLETED just before the flush and acknowledged its
     * message only after the acknowledged count was read.
     */
    private static final int WORKERS = 8;

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("redis-flush");

    @Test
    void everyTaskNotYetCompletedWhenRedisIsFlushedStillCompletes() throws Exception {
        Rig rig = RIG.rig();
        int tasks = Settings.size(300, 1_000);
        Results results = new Results("redis-flush").put("taskMs", TASK_MS);

        JsonObject sleep =
                Rig.job("sleep", Json.createObjectBuilder().add("ms", TASK_MS).build());
        List<String> ids = rig.enqueueBacklog(tasks, sleep);
        long before = rig.awaitAcknowledged(tasks / 4)
                .getJsonNumber("messagesAcknowledged")
                .longValue();
        Instant flushed = Instant.now();
        ((RedisProcess) rig.redis).flushAll(); // the scenario runs on one redis-server (Rig.SINGLE_REDIS)
        JsonObject atFlush = rig.api.taskQueue();
        long after = atFlush.getJsonNumber("messagesAcknowledged").longValue();
        Progress.say("flushed with %d to %d of %d tasks acknowledged", before, after, tasks);

        // The records of tasks completed before the flush went with it; every other task must complete.
        Deadline.await(
                "the task queue to drain",
                Duration.ofMinutes(10),
                rig.api::taskQueue,
                q -> q.getJsonNumber("depth").longValue() == 0,
                q -> "depth " + q.get("depth"));
        TaskAccount account = Deadline.await(
                "every task still recorded to settle",
                Duration.ofMinutes(5),
                () -> rig.read(ids),
                a -> a.stuck().isEmpty() && a.lost().size() <= after + WORKERS,
                TaskAccount::summary);
        Progress.say("settled: %s", account.summary());

        results.put("accepted", ids.size())
                .put("acknowledgedBeforeFlush", before)
                .put("acknowledgedRightAfterFlush", after)
                .put("inFlightAtFlush", atFlush.getJsonNumber("delivering").longValue())
                .put("account", account)
                .put("settledAfterFlush", Duration.between(flushed, account.lastFinishedAt()))
                .write();

        assertThat(atFlush.getJsonNumber("depth").longValue())
                .as("tasks queued at the flush")
                .isPositive();
        assertThat(account.lost().size())
                .as("records gone: only those of tasks completed by the flush")
                .isBetween((int) before, (int) after + WORKERS);
        assertThat(account.stuck()).as("tasks not settled").isEmpty();
        assertThat(account.count("COMPLETED"))
                .as("tasks completed")
                .isEqualTo(tasks - account.lost().size());
        assertThat(account.resultNotOnce())
                .as("completed tasks without exactly one recorded result")
                .isEmpty();
    }
}
