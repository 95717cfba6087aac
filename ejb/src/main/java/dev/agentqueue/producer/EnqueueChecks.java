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
 * Refuses an enqueue (one task or a batch) before anything is written: when a token budget its tasks draw on is
 * spent, or the task queue holds as many messages as it may.
 */
@ApplicationScoped
public class EnqueueChecks {

    @Inject
    TaskLimits limits;

    @Inject
    BrokerManagement broker;

    @Inject
    TokenBudgets budgets;

    /** Throws the typed refusal of the first check {@code requests} fail; returns when they may be enqueued. */
    public void refuseUnlessAdmitted(List<TaskRequest> requests) {
        refuseWhenBudgetSpent(requests);
        refuseWhenFull();
    }

    /** Refuses the requests when a token budget they draw on (their concurrency keys' and agents') is spent. */
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
                throw new QueueFullException(depth, limit, Duration.ofSeconds(5));
            }
        });
    }
}
