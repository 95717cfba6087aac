package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1 of issue 6, server crash: the server JVM is killed with SIGKILL while tasks run, then started again on
 * the same broker journal and Redis. Every task must end COMPLETED with its result written once; tasks that ran
 * twice (at-least-once delivery) must show it in their history.
 */
class ServerCrashIT {

    private static final long TASK_MS = 50;

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("server-crash");

    @Test
    void aServerKilledMidRunLosesNoTaskAndWritesEachResultOnce() throws Exception {
        Rig rig = RIG.rig();
        int tasks = Settings.size(500, 2_000);
        Results results = new Results("1-server-crash").put("taskMs", TASK_MS);

        // Queue them all first, so the kill lands in the middle of a known backlog.
        JsonObject sleep =
                Rig.job("sleep", Json.createObjectBuilder().add("ms", TASK_MS).build());
        List<String> ids = rig.enqueueBacklog(tasks, sleep);
        JsonObject atKill = rig.awaitAcknowledged(tasks / 4);
        rig.server.kill();
        long completedBeforeKill = atKill.getJsonNumber("messagesAcknowledged").longValue();
        Progress.say("killed with about %d of %d tasks done", completedBeforeKill, tasks);

        Instant restart = Instant.now();
        Duration boot = rig.server.start(rig.api);
        TaskAccount account = rig.settle(ids, Duration.ofMinutes(15));

        results.put("accepted", ids.size())
                .put("acknowledgedBeforeKill", completedBeforeKill)
                .put("account", account)
                .put("serverBoot", boot)
                .put("recovery", Duration.between(restart, account.lastFinishedAt()))
                .write();

        account.assertEveryTaskCompletedOnce(tasks);
        assertThat(completedBeforeKill).as("tasks done before the kill").isLessThan(tasks);
        // The workers were busy when the JVM died: those attempts show as ABANDONED before the one that finished.
        assertThat(account.executedTwice())
                .as("tasks whose history shows an abandoned attempt")
                .isNotEmpty();
    }
}
