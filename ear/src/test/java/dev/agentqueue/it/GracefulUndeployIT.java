package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Settlement;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reliability scenario 9: the application is undeployed while its workers run tasks, then deployed again. In-flight
 * attempts finish within the shutdown grace period, or, past it, go back to the queue; no task and no attempt is
 * recorded as failed because of the shutdown, and every task completes exactly once after the redeploy. Each run logs
 * a {@code RELIABILITY scenario=9} line with its figures for docs/RELIABILITY.md.
 */
@ExtendWith(ArquillianExtension.class)
class GracefulUndeployIT {

    private static final String APP = "undeployed-app";
    private static final String GRACE_PROPERTY = "agentqueue.worker.shutdown-grace";
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(GracefulUndeployIT.class.getName());

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    @Deployment(name = APP, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void inFlightTasksFinishWithinTheGracePeriodWhenTheApplicationIsUndeployed() {
        Outcome outcome = undeployWhileRunning("default", 24, 2_000);

        assertSettledOnceWithoutFailures(outcome);
        assertThat(outcome.settled.attemptOutcomes())
                .as(outcome.settled.figures())
                .doesNotContainKey("INTERRUPTED");
        for (JsonObject task : outcome.settled.records()) {
            if (outcome.inFlight.contains(task.getString("id"))) {
                // Finished during the undeploy, not run again after it.
                assertThat(Instant.parse(task.getString("finishedAt"))).isBefore(outcome.redeployedAt);
            }
        }
    }

    @Test
    void attemptsOutlivingAShortGracePeriodGoBackToTheQueueAndRunAgainAfterTheRedeploy() throws IOException {
        setGrace("1s");
        Outcome outcome;
        try {
            outcome = undeployWhileRunning("1s", 12, 3_000);
        } finally {
            removeGrace();
        }

        assertSettledOnceWithoutFailures(outcome);
        assertThat(outcome.settled.attemptOutcomes().getOrDefault("INTERRUPTED", 0L))
                .as(outcome.settled.figures())
                .isGreaterThanOrEqualTo(outcome.inFlight.size());
        for (JsonObject task : outcome.settled.records()) {
            if (outcome.inFlight.contains(task.getString("id"))) {
                assertThat(outcomes(task))
                        .as(task.toString())
                        .startsWith("INTERRUPTED")
                        .endsWith("COMPLETED");
            }
        }
    }

    /** Every task completed once, with no failure recorded and no attempt taken from its retry budget. */
    private static void assertSettledOnceWithoutFailures(Outcome outcome) {
        Settlement settled = outcome.settled;
        assertThat(settled.count("COMPLETED")).as(settled.figures()).isEqualTo(outcome.accepted);
        assertThat(settled.duplicates()).as(settled.figures()).isZero();
        assertThat(settled.attemptOutcomes()).as(settled.figures()).doesNotContainKeys("FAILED", "DEAD_LETTER");
        assertThat(settled.records())
                .allSatisfy(task ->
                        assertThat(task.getInt("attempt")).as(task.toString()).isEqualTo(1));
    }

    private Outcome undeployWhileRunning(String grace, int tasks, long taskMs) {
        deployer.deploy(APP);
        AgentQueueApi api = Deployments.api();
        List<String> ids;
        Set<String> inFlight;
        Instant undeployStarted;
        Instant redeployedAt;
        try {
            ids = api.enqueue(sleep(taskMs).build(), tasks);
            inFlight = Deadline.await("workers to be busy", SETTLE, () -> running(api, ids), r -> r.size() >= 4);
            undeployStarted = Instant.now();
        } catch (RuntimeException | AssertionError e) {
            deployer.undeploy(APP);
            throw e;
        }
        deployer.undeploy(APP);
        Duration undeploy = Duration.between(undeployStarted, Instant.now());
        deployer.deploy(APP);
        redeployedAt = Instant.now();
        try {
            Settlement settled = Settlement.await(api, ids, SETTLE);
            LOG.info(() -> "RELIABILITY scenario=9 grace=" + grace + " taskMs=" + taskMs + " inFlightAtUndeploy="
                    + inFlight.size() + " undeployMs=" + undeploy.toMillis() + " " + settled.figures()
                    + " recoverMs="
                    + Duration.between(redeployedAt, settled.lastSettledAt()).toMillis());
            return new Outcome(tasks, inFlight, redeployedAt, settled);
        } finally {
            deployer.undeploy(APP);
        }
    }

    /** Returns the ids among {@code ids} whose task is running now. */
    private static Set<String> running(AgentQueueApi api, List<String> ids) {
        JsonObject page = api.get("tasks?state=RUNNING&limit=100").json();
        return page.getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("id"))
                .filter(ids::contains)
                .collect(Collectors.toSet());
    }

    private static List<String> outcomes(JsonObject task) {
        return task.getJsonArray("history").stream()
                .map(JsonValue::asJsonObject)
                .map(e -> e.getString("outcome", "OPEN"))
                .toList();
    }

    private void setGrace(String value) throws IOException {
        ModelNode op = systemProperty("add");
        op.get("value").set(value);
        execute(op);
    }

    private void removeGrace() throws IOException {
        execute(systemProperty("remove"));
    }

    private static ModelNode systemProperty(String operation) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("system-property", GRACE_PROPERTY);
        return op;
    }

    private void execute(ModelNode op) throws IOException {
        ModelNode response = management.getControllerClient().execute(op);
        assertThat(response.get("outcome").asString()).as(response.toString()).isEqualTo("success");
    }

    /** What one undeploy-and-redeploy round left behind. */
    private record Outcome(int accepted, Set<String> inFlight, Instant redeployedAt, Settlement settled) {}
}
