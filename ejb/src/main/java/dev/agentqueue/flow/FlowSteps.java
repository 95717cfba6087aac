package dev.agentqueue.flow;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The worker's side of flows: reports how a delivered flow step ended to its flow and sends the steps that become
 * ready. Each call is safe to repeat: a delivery that comes back after a crash finds its step recorded, and sends
 * again only what the flow released (the broker drops a message it already has, by the enqueue's duplicate id).
 */
@ApplicationScoped
public class FlowSteps {

    private static final Logger LOG = Logger.getLogger(FlowSteps.class.getName());

    @Inject
    FlowStore flows;

    @Inject
    TaskStore tasks;

    @Inject
    TaskQueue queue;

    @Inject
    BrokerManagement broker;

    /**
     * Returns why the delivered task must not run when its flow was cancelled: its record is cancelled then. Empty for
     * other tasks, and for a step whose task has started already.
     */
    public Optional<String> cancelled(Delivery delivery) {
        String flowId = delivery.flowId();
        if (flowId == null
                || flows.state(flowId)
                        .filter(state -> state == FlowState.CANCELLED)
                        .isEmpty()) {
            return Optional.empty();
        }
        return tasks.cancel(delivery.taskId(), System.currentTimeMillis()).applied()
                ? Optional.of("its flow " + flowId + " was cancelled")
                : Optional.empty();
    }

    /**
     * Reports the end of a delivery whose task may have completed (in it, or in an earlier one): when the record says
     * COMPLETED, the step completes and the steps waiting for it last are created and sent, all in one JMS
     * transaction. Nothing for a task that is no flow's step, or did not complete.
     */
    public void completed(Delivery delivery) {
        String flowId = delivery.flowId();
        String step = delivery.flowStep();
        if (flowId == null || step == null) {
            return;
        }
        long now = System.currentTimeMillis();
        List<FlowStore.Release> released = flows.stepCompleted(flowId, step, delivery.taskId(), now);
        if (released.isEmpty()) {
            return;
        }
        FlowPlan plan = flows.plan(flowId).orElse(null);
        if (plan == null) {
            return;
        }
        int maxAttempts = broker.redelivery().maxDeliveryAttempts();
        List<NewTask> next = released.stream()
                .map(release -> FlowTasks.newTask(
                        plan.step(release.step()).orElseThrow(), release.inputsJson(), maxAttempts, now))
                .toList();
        // Records first: a crash before the send leaves records without messages, which this delivery's return sends.
        tasks.createAll(next, false, FlowTasks.recordFields(flowId, plan));
        queue.sendRecorded(next, FlowTasks.labels(flowId, plan));
        LOG.fine(() -> delivery + " completed step " + step + " of flow " + flowId + ", releasing "
                + released.stream().map(FlowStore.Release::step).toList());
    }

    /** Reports that a delivered flow step was dead-lettered: its flow shows BLOCKED until a redrive completes it. */
    public void deadLettered(Delivery delivery) {
        String flowId = delivery.flowId();
        String step = delivery.flowStep();
        if (flowId != null && step != null) {
            flows.stepDeadLettered(flowId, step);
        }
    }
}
