package dev.agentqueue.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskFields;
import dev.agentqueue.task.TaskIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a released step becomes a task: its planned task with its inputs in the payload, labelled with its flow. */
class FlowTasksTest {

    private static final String TASK_ID = TaskIds.next();

    @Test
    void aReleasedStepGetsItsInputsAsThePayloadMemberItNames() {
        FlowPlan.PlannedStep step = planned("context", List.of("a", "b"));

        NewTask task = FlowTasks.newTask(step, "{\"a\":1,\"b\":{\"x\":[2,3]}}", 5, 1_000);

        assertThat(task.id()).isEqualTo(TASK_ID);
        assertThat(task.payloadJson()).isEqualTo("{\"user_message\":\"hi\",\"context\":{\"a\":1,\"b\":{\"x\":[2,3]}}}");
        assertThat(task.agent()).isEqualTo("scribe");
        assertThat(task.priority()).isEqualTo(7);
        assertThat(task.maxAttempts()).isEqualTo(5);
        assertThat(task.idempotencyKey()).isNull();
    }

    @Test
    void aStepThatWaitsForNothingKeepsItsPayload() {
        NewTask task = FlowTasks.newTask(planned("inputs", List.of()), null, 5, 1_000);

        assertThat(task.payloadJson()).isEqualTo("{\"user_message\":\"hi\"}");
    }

    @Test
    void aStepsMessageNamesItsFlowAndStep() {
        FlowPlan plan = new FlowPlan(List.of(planned("inputs", List.of())));

        Map<String, String> labels = FlowTasks.labels("flow-9", plan)
                .apply(FlowTasks.newTask(plan.steps().get(0), null, 5, 1));

        assertThat(labels)
                .containsEntry(MessageProperties.FLOW_ID, "flow-9")
                .containsEntry(MessageProperties.FLOW_STEP, "ask");
    }

    @Test
    void aStepsRecordNamesItsFlowAndStepSoThatAMessageSentAgainFromItCanToo() {
        FlowPlan plan = new FlowPlan(List.of(planned("inputs", List.of())));

        Map<String, String> fields = FlowTasks.recordFields("flow-9", plan)
                .apply(FlowTasks.newTask(plan.steps().get(0), null, 5, 1));

        assertThat(fields).containsEntry(TaskFields.FLOW_ID, "flow-9").containsEntry(TaskFields.FLOW_STEP, "ask");
    }

    private static FlowPlan.PlannedStep planned(String inputsAs, List<String> after) {
        TaskEnvelope envelope;
        try (var reader = Jsons.reader("{\"user_message\":\"hi\"}")) {
            envelope = new TaskEnvelope(
                    TASK_ID, "agentqueue.chat.v1", "scribe", reader.readObject(), 7, null, null, 30_000, 1, null, null);
        }
        return new FlowPlan.PlannedStep("ask", TASK_ID, after, List.of(), inputsAs, EnvelopeCodec.encode(envelope));
    }
}
