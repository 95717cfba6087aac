package dev.agentqueue.limits;

import dev.agentqueue.limits.BudgetScripts.Budgeted;
import dev.agentqueue.limits.BudgetScripts.Spent;
import dev.agentqueue.redis.RedisGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether new work for a concurrency key or agent must be refused because its token budget for the current
 * UTC day or month is spent. The budgets are charged when calls settle ({@link CallLimits#settle}), with the usage
 * the providers report; they are only checked at enqueue, so tasks accepted before a budget ran out still run.
 */
@ApplicationScoped
public class TokenBudgets {

    @Inject
    RedisGateway redis;

    @Inject
    LimitSettings settings;

    /**
     * Returns the budget among the scopes' that is spent and refills last, or empty when every one has room: a
     * producer refuses the work when it is present.
     */
    public Optional<Spent> spent(Collection<LimitScope> scopes) {
        if (scopes.isEmpty()) {
            return Optional.empty();
        }
        List<Budgeted> budgeted = scopes.stream()
                .distinct()
                .map(scope -> new Budgeted(scope, settings.budget(scope)))
                .toList();
        long now = System.currentTimeMillis();
        return redis.call(r -> BudgetScripts.check(r, budgeted, now));
    }
}
