package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.reliability.EnqueueLoad.Answer;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis failover: the server reaches Redis through three Sentinels, and the primary gets {@code kill -9} while
 * producers enqueue and workers run tasks. Enqueue may refuse (503 with Retry-After) while there is no primary, but
 * what it refuses leaves nothing behind that runs, and every task it accepted ends COMPLETED on the new primary.
 */
class RedisFailoverIT {

    /** How long the Sentinels wait for a silent primary: short, so the failover takes seconds. */
    private static final Duration DOWN_AFTER = Duration.ofSeconds(1);

    private static final long TASK_MS = 100;
    private static final int PRODUCERS = 8;
    private static final String MARK = "failover-";

    @RegisterExtension
    static final RigExtension RIG = new RigExtension(
            "redis-failover", dir -> SentinelGroup.start(dir.resolve("redis-" + System.nanoTime()), DOWN_AFTER));

    @Test
    void killingTheRedisPrimaryMidRunLosesNoAcceptedTaskAndWhatEnqueueRefusedNeverRuns() throws Exception {
        Rig rig = RIG.rig();
        SentinelGroup redis = (SentinelGroup) rig.redis;
        int beforeKill = Settings.size(300, 2_000);
        int afterFailover = Settings.size(200, 1_000);
        Results results =
                new Results("redis-failover").put("taskMs", TASK_MS).put("downAfterMs", DOWN_AFTER.toMillis());

        EnqueueLoad load = EnqueueLoad.start(rig.api, PRODUCERS, RedisFailoverIT::sleepTask);
        Deadline.await(
                "the first tasks to be accepted",
                Duration.ofMinutes(5),
                load::accepted,
                a -> a >= beforeKill,
                a -> a + " accepted");
        Instant killed = Instant.now();
        long killedNanos = System.nanoTime();
        redis.primary().kill();
        int newPrimary = redis.replica().port();
        Deadline.await(
                "every Sentinel to name the replica the primary",
                Duration.ofMinutes(1),
                redis::primaryPortBySentinel,
                ports -> ports.stream().allMatch(p -> p == newPrimary),
                ports -> "primary by Sentinel " + ports);
        Duration failover = Duration.ofNanos(System.nanoTime() - killedNanos);
        Progress.say("Sentinels switched to port %d %.1f s after the kill", newPrimary, failover.toMillis() / 1000.0);
        int atSwitch = load.accepted();
        Deadline.await(
                "enqueue to accept tasks again",
                Duration.ofMinutes(2),
                load::accepted,
                a -> a >= atSwitch + afterFailover,
                a -> a + " accepted");
        List<Answer> answers = load.stop();

        List<String> accepted =
                answers.stream().filter(Answer::accepted).map(Answer::taskId).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        List<Answer> other =
                answers.stream().filter(a -> !a.accepted() && a.status() != 503).toList();
        assertThat(other).as("answers other than 202 and 503").isEmpty();
        assertThat(refused).as("enqueues refused while there was no primary").isNotEmpty();
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.retryAfter()).as("Retry-After").matches("\\d+");
            assertThat(a.body()).contains("store-unavailable");
        });

        TaskAccount account = rig.settle(accepted, Duration.ofMinutes(10));
        int leftProvisional = assertRefusedNeverRan(rig.api.allTasks(), answers);

        assertThat(account.lost()).as("accepted tasks lost").isEmpty();
        assertThat(account.stuck()).as("accepted tasks not settled").isEmpty();
        assertThat(account.count("COMPLETED")).as("accepted tasks completed").isEqualTo(accepted.size());
        assertThat(account.resultNotOnce())
                .as("completed tasks without exactly one result")
                .isEmpty();
        assertThat(SentinelGroup.role(newPrimary))
                .as("role of the former replica")
                .isEqualTo("master");
        String last = accepted.get(accepted.size() - 1);
        assertThat(RespClient.call(newPrimary, "HGET", "agentqueue:task:" + last, "state"))
                .as("the last accepted task's record, read from the new primary")
                .isEqualTo("COMPLETED");
        assertThat(rig.api.healthy()).as("health after the failover").isTrue();

        long firstRefused = refused.stream().mapToLong(Answer::sentNanos).min().orElseThrow();
        long lastRefused =
                refused.stream().mapToLong(Answer::answeredNanos).max().orElseThrow();
        results.put("accepted", accepted.size())
                .put("refused503", refused.size())
                .put("refusedLeftProvisional", leftProvisional)
                .put("account", account)
                .put("failover", failover)
                .put("refusingEnqueues", Duration.ofNanos(lastRefused - firstRefused))
                .put("killToLastRefusal", Duration.ofNanos(lastRefused - killedNanos))
                .put("settled", Duration.between(killed, account.lastFinishedAt()))
                .write();
    }

    /**
     * Checks that no refused enqueue left a task that ran: a refused request's task may exist only as the
     * provisional record of an enqueue that never sent its message (QUEUED, attempt 0; it expires by itself), and no
     * record exists that no request asked for. Returns how many such provisional records there are.
     */
    private static int assertRefusedNeverRan(Map<String, JsonObject> records, List<Answer> answers) {
        Set<String> acceptedIds = new HashSet<>();
        Set<String> refusedMarks = new HashSet<>();
        for (Answer answer : answers) {
            if (answer.accepted()) {
                acceptedIds.add(answer.taskId());
            } else {
                refusedMarks.add(MARK + answer.n());
            }
        }
        List<String> ranThoughRefused = new ArrayList<>();
        int provisional = 0;
        for (JsonObject record : records.values()) {
            if (acceptedIds.contains(record.getString("id"))) {
                continue;
            }
            String mark = record.getString("correlationId", "");
            boolean neverSent = "QUEUED".equals(record.getString("state")) && record.getInt("attempt") == 0;
            if (refusedMarks.contains(mark) && neverSent) {
                provisional++;
            } else {
                ranThoughRefused.add(mark + " " + record.getString("state") + " attempt " + record.getInt("attempt"));
            }
        }
        assertThat(ranThoughRefused)
                .as("records of refused or unknown requests that ran")
                .isEmpty();
        Progress.say(
                "%d refused enqueues, %d of them left a provisional record that never ran",
                refusedMarks.size(), provisional);
        return provisional;
    }

    private static JsonObject sleepTask(int n) {
        return Json.createObjectBuilder(Rig.job(
                        "sleep", Json.createObjectBuilder().add("ms", TASK_MS).build()))
                .add("correlationId", MARK + n)
                .build();
    }
}
