package dev.agentqueue.flow;

import static dev.agentqueue.flow.FlowRequestBuilder.aFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.producer.TaskRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a flow definition is checked and laid out. */
class FlowPlanTest {

    @Test
    void aFanInWaitsForEveryBranchAndEachBranchLeadsToIt() {
        FlowPlan plan = aFlow().step("split")
                .step("left", "split")
                .step("right", "split")
                .step("join", "left", "right")
                .plan();

        assertThat(plan.roots()).extracting(FlowPlan.PlannedStep::name).containsExactly("split");
        assertThat(plan.step("split").orElseThrow().next()).containsExactly("left", "right");
        assertThat(plan.step("join").orElseThrow().after()).containsExactly("left", "right");
        assertThat(plan.step("left").orElseThrow().next()).containsExactly("join");
        assertThat(plan.step("join").orElseThrow().inputsAs()).isEqualTo(FlowPlan.DEFAULT_INPUTS);
    }

    @Test
    void aPlanReadsBackAsItWasWritten() {
        FlowPlan plan = aFlow().step("a").step("b", "a").plan();

        assertThat(FlowPlan.read(plan.json())).isEqualTo(plan);
    }

    @Test
    void aStepWaitingForAnUnknownStepIsRefusedByName() {
        assertThatThrownBy(
                        () -> FlowPlan.check(aFlow().step("a").step("b", "nope").build()))
                .isInstanceOfSatisfying(InvalidFlowException.class, e -> {
                    assertThat(e.step()).isEqualTo("b");
                    assertThat(e.field()).isEqualTo("steps[1].after");
                });
    }

    @Test
    void aCycleIsRefusedNamingAStepOnIt() {
        assertThatThrownBy(() -> FlowPlan.check(
                        aFlow().step("a").step("b", "a", "c").step("c", "b").build()))
                .isInstanceOfSatisfying(
                        InvalidFlowException.class, e -> assertThat(e.step()).isIn("b", "c"));
    }

    @Test
    void twoStepsOfOneNameAndBadNamesAreRefused() {
        assertThatThrownBy(() -> FlowPlan.check(aFlow().step("a").step("a").build()))
                .isInstanceOfSatisfying(
                        InvalidFlowException.class, e -> assertThat(e.field()).isEqualTo("steps[1].name"));
        assertThatThrownBy(() -> FlowPlan.check(aFlow().step("no spaces").build()))
                .isInstanceOf(InvalidFlowException.class);
    }

    @Test
    void anEmptyFlowAndAStepWithoutATaskAreRefused() {
        assertThatThrownBy(() -> FlowPlan.check(new FlowRequest(List.of()))).isInstanceOf(InvalidFlowException.class);
        assertThatThrownBy(() -> FlowPlan.check(
                        aFlow().step(new FlowStep("a", null, List.of(), null)).build()))
                .isInstanceOfSatisfying(
                        InvalidFlowException.class, e -> assertThat(e.field()).isEqualTo("steps[0].task"));
    }

    @Test
    void aStepNamesThePayloadMemberOfItsInputs() {
        TaskRequest task = TaskRequest.builder("agentqueue.job.v1").build();
        FlowPlan plan = FlowPlan.of(
                aFlow().step("a")
                        .step(new FlowStep("b", task, List.of("a"), "context"))
                        .build(),
                List.of("t-a", "t-b"),
                List.of("{}", "{}"));

        assertThat(plan.step("b").orElseThrow().inputsAs()).isEqualTo("context");
    }
}
