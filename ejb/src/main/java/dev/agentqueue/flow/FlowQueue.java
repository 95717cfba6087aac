package dev.agentqueue.flow;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.producer.EnqueueChecks;
import dev.agentqueue.producer.InvalidTaskException;
import dev.agentqueue.producer.RequestValidator;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.ProvisionalRecords;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskStore;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts, reads and cancels flows: the EJB view for applications in the server and for the REST API. A flow starts
 * outside any caller's transaction: its first steps are on the queue when {@link #start} returns.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FlowQueue {

    @Inject
    RequestValidator validator;

    @Inject
    FlowStore flows;

    @Inject
    TaskStore tasks;

    @Inject
    ProvisionalRecords provisional;

    @Inject
    TaskLimits limits;

    @Inject
    BrokerManagement broker;

    @Inject
    TaskQueue queue;

    @Inject
    EnqueueChecks checks;

    /**
     * Starts a flow: checks every step, writes the flow, and sends the tasks of the steps that wait for nothing, in one
     * JMS transaction. A flow whose first tasks cannot be sent is removed again, so a failed start leaves nothing.
     *
     * @throws InvalidFlowException naming the step at fault; nothing was started
     * @throws dev.agentqueue.producer.BudgetExhaustedException when a step that starts with the flow draws on a spent
     *     token budget; nothing was started
     * @throws dev.agentqueue.producer.QueueFullException when the task queue is at its depth limit; nothing was
     *     started
     * @throws dev.agentqueue.redis.StoreUnavailableException when Redis cannot be reached
     */
    public FlowSnapshot start(FlowRequest request) {
        FlowPlan.check(request);
        long now = System.currentTimeMillis();
        List<String> taskIds = new ArrayList<>();
        List<String> envelopes = new ArrayList<>();
        for (int i = 0; i < request.steps().size(); i++) {
            FlowStep step = request.steps().get(i);
            String taskId = TaskIds.next();
            taskIds.add(taskId);
            envelopes.add(EnvelopeCodec.encode(envelope(taskId, step, i, now)));
        }
        // As an enqueue would be: the steps that start at once are queued now, the others when their turn comes.
        checks.refuseUnlessAdmitted(request.steps().stream()
                .filter(step -> step.after() == null || step.after().isEmpty())
                .map(FlowStep::task)
                .toList());
        FlowPlan plan = FlowPlan.of(request, taskIds, envelopes);
        String flowId = TaskIds.next();
        flows.create(flowId, now, plan, true);
        int maxAttempts = broker.redelivery().maxDeliveryAttempts();
        List<NewTask> roots = plan.roots().stream()
                .map(step -> FlowTasks.newTask(step, null, maxAttempts, now))
                .toList();
        tasks.createAll(roots, true, FlowTasks.recordFields(flowId, plan));
        boolean sent = false;
        try {
            queue.sendRecorded(roots, FlowTasks.labels(flowId, plan));
            sent = true;
        } finally {
            if (sent) {
                provisional.confirmAll(roots);
                flows.confirm(flowId);
            } else {
                provisional.discardAll(roots);
                flows.discard(flowId);
            }
        }
        return flows.find(flowId).orElseThrow();
    }

    /** Reads one flow. */
    public Optional<FlowSnapshot> find(String id) {
        return flows.find(id);
    }

    /**
     * Cancels a flow that has not settled: steps still waiting are never released, and the tasks of released steps
     * are cancelled where they have not started (a running task finishes, but releases nothing).
     */
    public FlowStore.Cancellation cancel(String id) {
        long now = System.currentTimeMillis();
        FlowStore.Cancellation cancellation = flows.cancel(id, now);
        cancellation.releasedTaskIds().forEach(taskId -> tasks.cancel(taskId, now));
        return cancellation;
    }

    /** Checks the task of the {@code index}-th step and returns its envelope under {@code taskId}. */
    private TaskEnvelope envelope(String taskId, FlowStep step, int index, long now) {
        TaskRequest task = step.task();
        String at = "steps[" + index + "].task.";
        if (task.idempotencyKey().isPresent()) {
            throw new InvalidFlowException(
                    step.name(),
                    at + "idempotencyKey",
                    "step '" + step.name() + "': a flow step takes no idempotency key");
        }
        if (!task.delay().isZero()) {
            throw new InvalidFlowException(
                    step.name(), at + "delay", "step '" + step.name() + "': a flow step takes no delay");
        }
        JsonObject payload;
        try {
            payload = validator.validate(task);
        } catch (InvalidTaskException e) {
            throw new InvalidFlowException(
                    step.name(), at + e.field(), "step '" + step.name() + "': " + e.getMessage());
        }
        return new TaskEnvelope(
                taskId,
                task.contract(),
                task.agent().orElse(null),
                payload,
                task.priority(),
                task.correlationId().orElse(null),
                null,
                task.timeout().orElse(limits.defaultTimeout()).toMillis(),
                now,
                task.concurrencyKey().orElse(null),
                task.callbackUrl().orElse(null));
    }
}
