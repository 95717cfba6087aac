package dev.agentqueue.producer;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.limits.LimitScope;
import dev.agentqueue.limits.TokenBudgets;
import dev.agentqueue.task.TaskLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether tasks about to be queued may be taken now: none that draws on a spent token budget (its concurrency
 * key's or its agent's), and none while the task queue is at its depth limit. Every way onto the queue that a caller
 * waits on asks it before anything is written: an enqueue, a batch, and the steps a flow starts with.
 */
@ApplicationScoped
public class EnqueueAdmission {

    /** When a full queue tells its caller to try again. */
    static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(5);

    @Inject
    TaskLimits limits;

    @Inject
    BrokerManagement broker;

    @Inject
    TokenBudgets budgets;

    /**
     * Refuses {@code requests} as a whole when one of them may not be queued now.
     *
     * @throws BudgetExhaustedException naming the spent budget that refills last
     * @throws QueueFullException when the task queue is at {@code agentqueue.enqueue.max-queue-depth}
     */
    public void admit(List<TaskRequest> requests) {
        refuseWhenBudgetSpent(requests);
        refuseWhenFull();
    }

    private void refuseWhenBudgetSpent(List<TaskRequest> requests) {
        List<LimitScope> scopes = new ArrayList<>();
        for (TaskRequest request : requests) {
            request.concurrencyKey().map(LimitScope::key).ifPresent(scopes::add);
            request.agent().map(LimitScope::agent).ifPresent(scopes::add);
        }
        budgets.spent(scopes).ifPresent(spent -> {
            throw new BudgetExhaustedException(
                    spent.scope(),
                    spent.window(),
                    spent.spent(),
                    spent.budget(),
                    Instant.ofEpochMilli(spent.refillMs()));
        });
    }

    private void refuseWhenFull() {
        long limit = limits.maxQueueDepth();
        if (limit <= 0) {
            return;
        }
        broker.taskQueueDepth().ifPresent(depth -> {
            if (depth >= limit) {
                throw new QueueFullException(depth, limit, FULL_RETRY_AFTER);
            }
        });
    }
}
