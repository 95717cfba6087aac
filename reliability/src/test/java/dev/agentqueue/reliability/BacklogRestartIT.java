package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4 of issue 6, restart with a backlog: tasks queued while the workers are paused, plus tasks scheduled for
 * later delivery, and then a graceful shutdown and a start of the server. Nothing may be lost, and a scheduled task
 * may not start before its time.
 */
class BacklogRestartIT {

    /** Delays of the scheduled tasks: spread over a window that outlasts the restart. */
    private static final long FIRST_DELAY_MS = 40_000;

    private static final long DELAY_SPREAD_MS = 40_000;

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("backlog-restart");

    @Test
    void aGracefulRestartWithABacklogLosesNothingAndRunsScheduledTasksNoEarlierThanTheirTime() throws Exception {
        Rig rig = RIG.rig();
        int backlog = Settings.size(2_000, 10_000);
        int scheduled = Settings.size(10, 20);
        Results results = new Results("4-backlog-restart");

        rig.server.pauseTaskQueue();
        List<JsonObject> echoes = IntStream.range(0, backlog)
                .mapToObj(i ->
                        Rig.job("echo", Json.createObjectBuilder().add("n", i).build()))
                .toList();
        Instant enqueueStart = Instant.now();
        List<String> queued = rig.api.enqueueAll(echoes);
        Duration enqueueTime = Duration.between(enqueueStart, Instant.now());
        Progress.say("accepted %d echo tasks in %.1f s with the workers paused", queued.size(), seconds(enqueueTime));

        Map<String, Long> delays = new LinkedHashMap<>();
        for (int i = 0; i < scheduled; i++) {
            long delay = FIRST_DELAY_MS + DELAY_SPREAD_MS * i / Math.max(1, scheduled - 1);
            JsonObject request = Json.createObjectBuilder(Rig.job(
                            "echo",
                            Json.createObjectBuilder().add("scheduled", i).build()))
                    .add("delayMs", delay)
                    .build();
            delays.put(rig.api.enqueue(request), delay);
        }
        Progress.say(
                "accepted %d tasks scheduled %d-%d s ahead",
                scheduled, FIRST_DELAY_MS / 1000, (FIRST_DELAY_MS + DELAY_SPREAD_MS) / 1000);
        JsonObject beforeShutdown = rig.api.taskQueue();
        Progress.say("task queue before the shutdown: %s", beforeShutdown);

        Instant shutdownStart = Instant.now();
        rig.server.shutdown();
        Instant restart = Instant.now();
        Duration boot = rig.server.start(rig.api);
        Instant up = Instant.now();
        JsonObject afterRestart = rig.api.taskQueue();
        Progress.say("task queue after the restart: %s", afterRestart);

        List<String> all = new ArrayList<>(queued);
        all.addAll(delays.keySet());
        TaskAccount account = rig.settle(all, Duration.ofMinutes(Settings.full() ? 30 : 15));

        List<String> early = new ArrayList<>();
        long dueAfterUp = 0;
        long latestStartAfterDue = 0;
        for (Map.Entry<String, Long> entry : delays.entrySet()) {
            JsonObject task = rig.api.findTask(entry.getKey());
            Instant due = Instant.parse(task.getString("createdAt")).plusMillis(entry.getValue());
            Instant started = Instant.parse(task.getString("startedAt"));
            if (started.isBefore(due)) {
                early.add(entry.getKey() + " started "
                        + Duration.between(started, due).toMillis() + " ms early");
            }
            dueAfterUp += due.isAfter(up) ? 1 : 0;
            latestStartAfterDue =
                    Math.max(latestStartAfterDue, Duration.between(due, started).toMillis());
        }

        results.put("accepted", all.size())
                .put("backlog", backlog)
                .put("scheduled", scheduled)
                .put("enqueue", enqueueTime)
                .put(
                        "depthBeforeShutdown",
                        beforeShutdown.getJsonNumber("depth").longValue())
                .put(
                        "scheduledBeforeShutdown",
                        beforeShutdown.getJsonNumber("scheduled").longValue())
                .put("depthAfterRestart", afterRestart.getJsonNumber("depth").longValue())
                .put(
                        "scheduledAfterRestart",
                        afterRestart.getJsonNumber("scheduled").longValue())
                .put("account", account)
                .put("shutdown", Duration.between(shutdownStart, restart))
                .put("serverBoot", boot)
                .put("recovery", Duration.between(restart, account.lastFinishedAt()))
                .put(
                        "backlogRecovery",
                        Duration.between(restart, rig.read(queued).lastFinishedAt()))
                .put("scheduledDueAfterServerUp", dueAfterUp)
                .put("scheduledStartedEarly", early.size())
                .put("scheduledLatestStartAfterDueMs", latestStartAfterDue)
                .write();

        assertThat(account.lost()).as("tasks lost").isEmpty();
        assertThat(account.stuck()).as("tasks not settled").isEmpty();
        assertThat(account.count("COMPLETED")).as("tasks completed").isEqualTo(all.size());
        assertThat(account.resultNotOnce())
                .as("completed tasks without exactly one result")
                .isEmpty();
        assertThat(account.executedTwice())
                .as("tasks run twice across a graceful restart")
                .isEmpty();
        assertThat(early).as("scheduled tasks that started before their time").isEmpty();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
