package dev.agentqueue.flow;

import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskFields;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.function.Function;

/** Turns planned steps into the tasks that run them, and labels their messages with their flow and step. */
final class FlowTasks {

    private FlowTasks() {}

    /**
     * Returns the task of {@code step}, created {@code now}: its planned task, with {@code inputsJson} (the results of
     * the steps it waited for, by name) as the payload member the step names; none for a step that waits for nothing.
     */
    static NewTask newTask(FlowPlan.PlannedStep step, String inputsJson, int maxAttempts, long now) {
        TaskEnvelope task = EnvelopeCodec.decode(step.task(), step.taskId(), now, 0);
        JsonObject payload = task.payload();
        if (inputsJson != null && !step.after().isEmpty()) {
            try (var reader = Jsons.reader(inputsJson)) {
                payload = Json.createObjectBuilder(payload)
                        .add(step.inputsAs(), reader.readObject())
                        .build();
            }
        }
        return new NewTask(
                step.taskId(),
                task.contract(),
                task.agent(),
                payload.toString(),
                task.priority(),
                task.correlationId(),
                null,
                task.timeoutMs(),
                now,
                maxAttempts,
                NewTask.NO_DELAY,
                task.concurrencyKey(),
                task.callbackUrl());
    }

    /** Returns the labels of the messages of {@code plan}'s tasks: the flow's id and the step's name. */
    static Function<NewTask, Map<String, String>> labels(String flowId, FlowPlan plan) {
        return task -> MessageProperties.flowLabels(flowId, stepOf(task, plan));
    }

    /**
     * Returns the fields the records of {@code plan}'s tasks hold besides the task's own: the flow's id and the
     * step's name, from which a message re-sent from the record is labelled again.
     */
    static Function<NewTask, Map<String, String>> recordFields(String flowId, FlowPlan plan) {
        return task -> TaskFields.flowFields(flowId, stepOf(task, plan));
    }

    private static String stepOf(NewTask task, FlowPlan plan) {
        return plan.steps().stream()
                .filter(step -> step.taskId().equals(task.id()))
                .findFirst()
                .orElseThrow()
                .name();
    }
}
