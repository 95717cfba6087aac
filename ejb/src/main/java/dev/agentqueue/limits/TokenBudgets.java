package dev.agentqueue.limits;

import dev.agentqueue.limits.BudgetScripts.Budgeted;
import dev.agentqueue.producer.BudgetExhaustedException;
import dev.agentqueue.redis.RedisGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Refuses new work for a concurrency key or agent whose token budget for the current UTC day or month is spent. The
 * budgets are charged when calls settle ({@link CallLimits#settle}), with the usage the providers report; they are
 * only checked at enqueue, so tasks accepted before a budget ran out still run.
 */
@ApplicationScoped
public class TokenBudgets {

    @Inject
    RedisGateway redis;

    @Inject
    LimitSettings settings;

    /**
     * Throws {@link BudgetExhaustedException} when any of the scopes has spent a budget, telling when the last of
     * the spent ones refills.
     */
    public void refuseWhenSpent(Collection<LimitScope> scopes) {
        if (scopes.isEmpty()) {
            return;
        }
        List<Budgeted> budgeted = scopes.stream()
                .distinct()
                .map(scope -> new Budgeted(scope, settings.budget(scope)))
                .toList();
        long now = System.currentTimeMillis();
        redis.call(r -> BudgetScripts.check(r, budgeted, now)).ifPresent(spent -> {
            throw new BudgetExhaustedException(
                    spent.scope(),
                    spent.window(),
                    spent.spent(),
                    spent.budget(),
                    Instant.ofEpochMilli(spent.refillMs()));
        });
    }
}
