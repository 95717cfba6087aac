package dev.agentqueue.it;

import static dev.agentqueue.it.support.FlowRequests.flow;
import static dev.agentqueue.it.support.FlowRequests.step;
import static dev.agentqueue.it.support.Jobs.echo;
import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static dev.agentqueue.it.support.Jobs.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Flows over REST against the real EAR, broker and Redis: chains, fan-in, a dead-lettered step, cancel. */
@ExtendWith(ArquillianExtension.class)
class FlowIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aChainPassesEachStepsResultToTheNext() {
        Reply started = api.postJson(
                "flows", flow(step("first", echo(text("one"))), step("second", echo(text("two")), "first")));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location"))
                .endsWith("/flows/" + started.json().getString("id"));
        JsonObject flow = awaitFlow(started.json().getString("id"), "COMPLETED");
        JsonObject second = api.task(stepOf(flow, "second").getString("taskId"));
        assertThat(second.getJsonObject("payload").getJsonObject("inputs").getJsonObject("first"))
                .isEqualTo(Json.createObjectBuilder().add("text", "one").build());
        assertThat(stepOf(flow, "second").getJsonObject("result").getString("text"))
                .isEqualTo("two");
        assertThat(flow.getString("finishedAt")).isNotEmpty();
    }

    @Test
    void aFanInRunsOnceAfterEveryBranchAndHoldsTheirResults() {
        String id = start(flow(
                step("split", echo(text("go"))),
                step("left", echo(text("L")), "split"),
                step("right", sleep(300), "split"),
                step("join", echo(text("joined")), "left", "right")));

        JsonObject flow = awaitFlow(id, "COMPLETED");

        JsonObject join = api.task(stepOf(flow, "join").getString("taskId"));
        JsonObject inputs = join.getJsonObject("payload").getJsonObject("inputs");
        assertThat(inputs.keySet()).containsExactlyInAnyOrder("left", "right");
        assertThat(inputs.getJsonObject("left").getString("text")).isEqualTo("L");
        assertThat(inputs.getJsonObject("right").getInt("slept_ms")).isEqualTo(300);
        assertThat(join.getJsonArray("history")).hasSize(1);
        Instant joinStarted = Instant.parse(join.getString("startedAt"));
        for (String branch : List.of("left", "right")) {
            JsonObject task = api.task(stepOf(flow, branch).getString("taskId"));
            assertThat(Instant.parse(task.getString("finishedAt"))).isBeforeOrEqualTo(joinStarted);
        }
    }

    @Test
    void aDeadLetteredStepBlocksItsFlowAndItsRedriveResumesIt() {
        String id = start(flow(
                step("fragile", failUntilRedriven("terminal", "flow step broke", 0)),
                step("after", echo(text("resumed")), "fragile")));

        JsonObject blocked = awaitFlow(id, "BLOCKED");
        String fragile = stepOf(blocked, "fragile").getString("taskId");
        assertThat(stepOf(blocked, "fragile").getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(stepOf(blocked, "after").getString("state")).isEqualTo("WAITING");
        api.awaitDeadLetter(fragile, SETTLE);

        admin.postJson(
                        "dlq/redrive",
                        Json.createObjectBuilder()
                                .add("ids", Json.createArrayBuilder().add(fragile))
                                .build())
                .expect(200);

        JsonObject resumed = awaitFlow(id, "COMPLETED");
        assertThat(stepOf(resumed, "after").getJsonObject("result").getString("text"))
                .isEqualTo("resumed");
    }

    @Test
    void cancellingAFlowCancelsTheStepsThatHaveNotRun() {
        String id = start(flow(step("slow", sleep(1_500)), step("never", echo(text("no")), "slow")));
        String slow = stepOf(api.get("flows/" + id).expect(200).json(), "slow").getString("taskId");
        api.awaitState(slow, "RUNNING", SETTLE);

        JsonObject cancelled = admin.delete("flows/" + id).expect(200).json();

        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        assertThat(stepOf(cancelled, "never").getString("state")).isEqualTo("CANCELLED");
        // The running step finishes and keeps its result, but releases nothing.
        JsonObject after = Deadline.await(
                "the running step of flow " + id + " to complete",
                SETTLE,
                () -> api.get("flows/" + id).expect(200).json(),
                flow -> "COMPLETED".equals(stepOf(flow, "slow").getString("state")));
        assertThat(after.getString("state")).isEqualTo("CANCELLED");
        assertThat(stepOf(after, "never").getString("state")).isEqualTo("CANCELLED");
        assertThat(api.findTask(stepOf(after, "never").getString("taskId"))).isNull();
        assertThat(admin.delete("flows/" + id).status()).isEqualTo(409);
    }

    @Test
    void aBadDefinitionIsRefusedNamingTheStep() {
        Reply unknownStep = api.postJson("flows", flow(step("a", echo(text("x"))), step("b", echo(text("y")), "nope")));
        Reply badTask = api.postJson(
                "flows",
                flow(
                        step("ok", echo(text("x"))),
                        step("broken", Json.createObjectBuilder().add("contract", "no.such"))));

        for (Reply reply : List.of(unknownStep, badTask)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(unknownStep.json().getString("step")).isEqualTo("b");
        assertThat(unknownStep.json().getString("field")).isEqualTo("steps[1].after");
        assertThat(badTask.json().getString("step")).isEqualTo("broken");
        assertThat(badTask.json().getString("field")).startsWith("steps[1].task.");
    }

    private String start(JsonObject flow) {
        return api.postJson("flows", flow).expect(202).json().getString("id");
    }

    private JsonObject awaitFlow(String id, String state) {
        return Deadline.await(
                "flow " + id + " to be " + state,
                SETTLE,
                () -> api.get("flows/" + id).expect(200).json(),
                flow -> state.equals(flow.getString("state")));
    }

    private static JsonObject stepOf(JsonObject flow, String name) {
        return flow.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(step -> name.equals(step.getString("name")))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObjectBuilder text(String text) {
        return Json.createObjectBuilder().add("text", text);
    }
}
