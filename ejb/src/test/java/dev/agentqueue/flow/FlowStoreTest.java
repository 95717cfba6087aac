package dev.agentqueue.flow;

import static dev.agentqueue.flow.FlowRequestBuilder.aFlow;
import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TaskStores;
import dev.agentqueue.testing.RedisServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The flow store's Lua scripts against a real redis-server: steps complete, release, block and cancel. */
class FlowStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String FLOW = "flow-1";

    private RedisGateway gateway;
    private FlowStore flows;
    private TaskStore tasks;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        tasks = TaskStores.on(gateway);
        flows = new FlowStore();
        flows.redis = gateway;
        flows.settings = TaskStores.settings();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void aChainReleasesTheNextStepWithTheResultOfTheOneBefore() {
        flows.create(FLOW, 1, aFlow().step("a").step("b", "a").plan(), false);
        complete("t-a", "{\"answer\":42}");

        List<FlowStore.Release> released = flows.stepCompleted(FLOW, "a", "t-a", 2);

        assertThat(released).containsExactly(new FlowStore.Release("b", "t-b", "{\"a\":{\"answer\":42}}"));
        assertThat(step("b").state()).isEqualTo(StepState.RELEASED);
        assertThat(step("a").resultJson()).isEqualTo("{\"answer\":42}");
        assertThat(flows.state(FLOW)).contains(FlowState.RUNNING);
    }

    @Test
    void aFanInIsReleasedOnlyWhenItsLastBranchCompletesAndThenHoldsEveryResult() {
        flows.create(
                FLOW,
                1,
                aFlow().step("left").step("right").step("join", "left", "right").plan(),
                false);
        complete("t-left", "1");
        complete("t-right", "2");

        assertThat(flows.stepCompleted(FLOW, "left", "t-left", 2)).isEmpty();
        List<FlowStore.Release> released = flows.stepCompleted(FLOW, "right", "t-right", 3);

        assertThat(released).containsExactly(new FlowStore.Release("join", "t-join", "{\"left\":1,\"right\":2}"));
        complete("t-join", "3");
        assertThat(flows.stepCompleted(FLOW, "join", "t-join", 4)).isEmpty();
        FlowSnapshot flow = flows.find(FLOW).orElseThrow();
        assertThat(flow.state()).isEqualTo(FlowState.COMPLETED);
        assertThat(flow.finishedAt()).isEqualTo(4);
        assertThat(ttl(RedisKeys.flow(FLOW))).isPositive();
    }

    @Test
    void aRepeatedCompletionChangesNothingAndAnswersTheReleasedStepsAgain() {
        flows.create(FLOW, 1, aFlow().step("a").step("b", "a").step("c", "a").plan(), false);
        complete("t-a", "\"x\"");
        List<FlowStore.Release> first = flows.stepCompleted(FLOW, "a", "t-a", 2);

        List<FlowStore.Release> again = flows.stepCompleted(FLOW, "a", "t-a", 3);

        assertThat(again).isEqualTo(first).hasSize(2);
        assertThat(hget(RedisKeys.flow(FLOW), "pending")).isEqualTo("2");
        assertThat(hget(RedisKeys.flowSteps(FLOW), "b:waits")).isEqualTo("0");
    }

    @Test
    void aStepWhoseTaskHasNotCompletedReleasesNothing() {
        flows.create(FLOW, 1, aFlow().step("a").step("b", "a").plan(), false);
        tasks.create(aNewTask().withId("t-a").build(), false);

        assertThat(flows.stepCompleted(FLOW, "a", "t-a", 2)).isEmpty();
        assertThat(step("b").state()).isEqualTo(StepState.WAITING);
    }

    @Test
    void aDeadLetteredStepBlocksTheFlowUntilItCompletesAfterARedrive() {
        flows.create(FLOW, 1, aFlow().step("a").step("b", "a").plan(), false);

        assertThat(flows.stepDeadLettered(FLOW, "a")).contains(FlowState.BLOCKED);
        assertThat(flows.stepDeadLettered(FLOW, "a")).contains(FlowState.BLOCKED);
        assertThat(step("a").state()).isEqualTo(StepState.DEAD_LETTER);

        complete("t-a", "true");
        assertThat(flows.stepCompleted(FLOW, "a", "t-a", 2))
                .extracting(FlowStore.Release::step)
                .containsExactly("b");
        assertThat(flows.state(FLOW)).contains(FlowState.RUNNING);
    }

    @Test
    void cancellingStopsTheWaitingStepsAndNamesTheReleasedTasks() {
        flows.create(FLOW, 1, aFlow().step("a").step("b", "a").plan(), false);

        FlowStore.Cancellation cancelled = flows.cancel(FLOW, 2);

        assertThat(cancelled.outcome()).isEqualTo(FlowStore.Cancellation.Outcome.CANCELLED);
        assertThat(cancelled.releasedTaskIds()).containsExactly("t-a");
        assertThat(step("b").state()).isEqualTo(StepState.CANCELLED);
        complete("t-a", "1");
        assertThat(flows.stepCompleted(FLOW, "a", "t-a", 3)).isEmpty();
        assertThat(flows.cancel(FLOW, 4).outcome()).isEqualTo(FlowStore.Cancellation.Outcome.SETTLED);
        assertThat(flows.cancel("no-such-flow", 4).outcome()).isEqualTo(FlowStore.Cancellation.Outcome.MISSING);
    }

    @Test
    void aProvisionalFlowExpiresUnlessConfirmed() {
        flows.create(FLOW, 1, aFlow().step("a").plan(), true);
        assertThat(ttl(RedisKeys.flow(FLOW))).isPositive();

        flows.confirm(FLOW);

        assertThat(ttl(RedisKeys.flow(FLOW))).isEqualTo(-1L);
        assertThat(ttl(RedisKeys.flowSteps(FLOW))).isEqualTo(-1L);
    }

    private void complete(String taskId, String result) {
        tasks.create(aNewTask().withId(taskId).build(), false);
        tasks.start(taskId, 1, 3, "node", 1);
        assertThat(tasks.complete(taskId, 1, result, "[]", 2).applied()).isTrue();
        assertThat(tasks.find(taskId).orElseThrow().state()).isEqualTo(TaskState.COMPLETED);
    }

    private FlowSnapshot.Step step(String name) {
        return flows.find(FLOW).orElseThrow().steps().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String hget(String key, String field) {
        return gateway.call(r -> r.hget(key, field));
    }

    private long ttl(String key) {
        return gateway.call(r -> r.ttl(key));
    }
}
