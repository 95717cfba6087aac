package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flow's fan-in across a server crash: the server JVM is killed with SIGKILL while half the branches of a fan-in
 * have written their results, then started again on the same broker journal and Redis. The join must still run,
 * exactly once, and no branch may run to its end twice. The diagnostic {@code count} job keeps its own tally of the
 * runs that reached their end, apart from the task records.
 */
class FlowCrashIT {

    private static final int BRANCHES = 8;
    private static final long BRANCH_STAGGER_MS = 1_000;

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("flow-crash");

    @Test
    void aServerKilledDuringAFanInCompletesTheJoinOnceAndRunsNoBranchTwice() throws Exception {
        Rig rig = RIG.rig();
        Results results = new Results("flow-crash").put("branches", BRANCHES);
        JsonArrayBuilder steps = Json.createArrayBuilder().add(Rig.countStep("split", 10));
        JsonArrayBuilder joinAfter = Json.createArrayBuilder();
        for (int i = 1; i <= BRANCHES; i++) {
            // Staggered, so the kill lands between branches that have finished and branches that still run.
            steps.add(Rig.countStep("branch-" + i, i * BRANCH_STAGGER_MS, "split"));
            joinAfter.add("branch-" + i);
        }
        steps.add(Rig.countStep("join", 10).add("after", joinAfter));
        String id = rig.api
                .postJson(
                        "flows", Json.createObjectBuilder().add("steps", steps).build())
                .expect(202)
                .json()
                .getString("id");

        // Killed once half the branches show COMPLETED in the flow, a second before the next one ends its work: not in
        // the moment between a job's end and its record, where any task may run twice (at-least-once delivery).
        JsonObject atKill = Deadline.await(
                "half the branches to complete",
                Duration.ofMinutes(2),
                () -> rig.api.get("flows/" + id).expect(200).json(),
                f -> completed(f) >= 1 + BRANCHES / 2,
                f -> completed(f) + " steps completed");
        rig.server.kill();
        long completedAtKill = completed(atKill);
        Progress.say("killed with %d of %d steps completed", completedAtKill, BRANCHES + 2);

        Duration boot = rig.server.start(rig.api);
        JsonObject flow = Deadline.await(
                "flow " + id + " to complete",
                Duration.ofMinutes(10),
                () -> rig.api.get("flows/" + id).expect(200).json(),
                f -> "COMPLETED".equals(f.getString("state")),
                f -> f.getString("state"));

        Map<String, Long> tally = tally();
        results.put("stepsCompletedBeforeKill", completedAtKill)
                .put("serverBoot", boot)
                .write();
        List<JsonObject> finished = flow.getJsonArray("steps").getValuesAs(JsonObject.class);
        assertThat(finished).hasSize(BRANCHES + 2).allSatisfy(step -> {
            assertThat(step.getString("state")).isEqualTo("COMPLETED");
            assertThat(tally.get(step.getString("taskId")))
                    .as("runs of step %s to its end", step.getString("name"))
                    .isEqualTo(1L);
        });
        assertThat(completedAtKill).as("steps completed before the kill").isLessThan(BRANCHES + 1L);
    }

    /** Returns how many steps of the flow {@code flow} have completed. */
    private static long completed(JsonObject flow) {
        return flow.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(step -> "COMPLETED".equals(step.getString("state")))
                .count();
    }

    /** Returns the count job's tally: per task id, how many of its runs reached their end. */
    private static Map<String, Long> tally() throws IOException {
        List<?> reply = (List<?>) RespClient.call(Settings.redisPort(), "HGETALL", "agentqueue:diag:count-runs");
        Map<String, Long> tally = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            tally.put((String) reply.get(i), Long.parseLong((String) reply.get(i + 1)));
        }
        return tally;
    }
}
