package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A crash and a re-run of the main command: {@code bin/agentqueue run} is started, tasks are enqueued, the server JVM
 * is killed with SIGKILL mid-run, and {@code bin/agentqueue run} is run again (on the same build). The re-run keeps
 * the broker's data, so every task accepted before the crash must end COMPLETED.
 */
class LauncherCrashIT {

    private static final long TASK_MS = 100;

    @Test
    void reRunningTheMainCommandAfterACrashLosesNoTask() throws Exception {
        Path dir = Settings.path("work.dir").resolve("launcher-crash");
        int tasks = Settings.size(300, 1_000);
        Results results = new Results("launcher-crash").put("taskMs", TASK_MS);
        ApiUser user = AdminUser.generate();
        AgentQueueApi api = Rig.api(user);
        try (Launcher launcher = new Launcher(dir.resolve("state-" + System.nanoTime()), user)) {
            launcher.run("run", "--no-build");

            JsonObject sleep = Rig.job(
                    "sleep", Json.createObjectBuilder().add("ms", TASK_MS).build());
            List<String> ids = api.enqueueAll(Collections.nCopies(tasks, sleep));
            Progress.say("accepted %d sleep-%d-ms tasks", ids.size(), TASK_MS);
            long acknowledgedAtStart =
                    api.taskQueue().getJsonNumber("messagesAcknowledged").longValue();
            JsonObject atKill = Deadline.await(
                    "a quarter of the tasks to complete",
                    Duration.ofMinutes(5),
                    api::taskQueue,
                    q -> q.getJsonNumber("messagesAcknowledged").longValue() - acknowledgedAtStart >= tasks / 4,
                    q -> "acknowledged " + q.get("messagesAcknowledged"));
            long queuedAtKill = atKill.getJsonNumber("depth").longValue();
            launcher.killServer();

            Instant rerun = Instant.now();
            launcher.run("run", "--no-build");
            Duration rerunTook = Duration.between(rerun, Instant.now());
            TaskAccount account = Deadline.await(
                    "every accepted task to settle",
                    Duration.ofMinutes(10),
                    () -> TaskAccount.of(ids, api.allTasks()),
                    TaskAccount::settled,
                    TaskAccount::summary);

            results.put("accepted", ids.size())
                    .put("queuedAtKill", queuedAtKill)
                    .put("account", account)
                    .put("rerunWithDemo", rerunTook)
                    .put("settledAfterRerun", Duration.between(rerun, account.lastFinishedAt()))
                    .write();

            assertThat(queuedAtKill)
                    .as("messages queued when the server was killed")
                    .isPositive();
            account.assertEveryTaskCompletedOnce(tasks);
        }
    }
}
