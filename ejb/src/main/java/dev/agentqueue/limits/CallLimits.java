package dev.agentqueue.limits;

import dev.agentqueue.limits.LimitScripts.Call;
import dev.agentqueue.limits.LimitScripts.Limited;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.redis.StoreUnavailableException;
import io.lettuce.core.ZAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The programmatic API of the call limits: admit a provider call before it runs, settle it with the tokens it used,
 * read every scope's state and change a scope's limits live. All state is in Redis and changed only by Lua scripts,
 * so every node shares each limit.
 */
@ApplicationScoped
public class CallLimits {

    private static final Logger LOG = Logger.getLogger(CallLimits.class.getName());

    @Inject
    RedisGateway redis;

    @Inject
    LimitSettings settings;

    /** A call the limits answered: whether it may run and, when it does, what to settle afterwards. */
    public record Ticket(Admission admission, List<Limited> scopes, Call call) {}

    /**
     * Asks the limits of every scope of a task (its provider endpoint, its agent, its concurrency key) for room for
     * one attempt that reserves {@code estimatedTokens} and holds a slot for at most {@code leaseFor}, unless settled
     * before.
     */
    public Ticket admit(List<LimitScope> of, String leaseId, long estimatedTokens, Duration leaseFor) {
        List<Limited> scopes = of.stream().map(this::limited).toList();
        long now = System.currentTimeMillis();
        Call call = new Call(leaseId, now + leaseFor.toMillis(), estimatedTokens);
        long retry = settings.concurrencyRetry().toMillis();
        Admission admission = redis.call(r -> LimitScripts.acquire(r, scopes, call, retry, now));
        return new Ticket(admission, scopes, call);
    }

    /**
     * Settles an admitted call with the tokens it used, and charges them to its scopes' token budgets. Never fails: when Redis cannot be reached, the call's slot
     * comes back when its lease expires and its estimate stays reserved, which errs on the side of the limit.
     */
    public void settle(Ticket ticket, long actualTokens) {
        if (!ticket.admission().admitted()) {
            return;
        }
        try {
            redis.call(r -> {
                long now = System.currentTimeMillis();
                LimitScripts.settle(r, ticket.scopes(), ticket.call(), actualTokens, now);
                BudgetScripts.charge(
                        r, ticket.scopes().stream().map(Limited::scope).toList(), actualTokens, now);
                return null;
            });
        } catch (StoreUnavailableException e) {
            LOG.warning(
                    () -> "Call " + ticket.call().leaseId() + " not settled, its lease will expire: " + e.getMessage());
        }
    }

    /**
     * Moves the end of an admitted call's slot in every scope to {@code untilMs} (never earlier), because its attempt
     * is alive and was granted more time; a slot already settled or expired is left alone.
     */
    public void extend(Ticket ticket, long untilMs) {
        if (!ticket.admission().admitted()) {
            return;
        }
        redis.call(r -> {
            for (Limited limited : ticket.scopes()) {
                r.zadd(
                        RedisKeys.limitLeases(limited.scope().name()),
                        ZAddArgs.Builder.xx().gt(),
                        untilMs,
                        ticket.call().leaseId());
            }
            return null;
        });
    }

    /**
     * Pauses a provider endpoint's calls until {@code untilMs}, on every node, because its answers said it is about
     * to refuse them. Never fails: a pause not stored only lets the provider answer 429 itself.
     */
    public void pause(String endpoint, long untilMs) {
        LimitScope scope = LimitScope.endpoint(endpoint);
        try {
            if (redis.call(r -> LimitScripts.pause(r, scope, untilMs))) {
                LOG.fine(() -> scope.name() + " paused until " + Instant.ofEpochMilli(untilMs));
            }
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> scope.name() + " not paused: " + e.getMessage());
        }
    }

    /** Returns every scope used so far or given live limits, with its limits and counters. */
    public List<LimitState> list() {
        return redis.call(r -> r.smembers(RedisKeys.limits())).stream()
                .sorted()
                .map(LimitScope::parse)
                .map(this::state)
                .toList();
    }

    /** Returns one scope's limits and token budget (live where set), whether they are live, and its counters. */
    public LimitState state(LimitScope scope) {
        long now = System.currentTimeMillis();
        return redis.call(r -> {
            Map<String, String> live = r.hgetall(RedisKeys.limitSettings(scope.name()));
            return new LimitState(
                    scope,
                    effective(scope, live),
                    !live.isEmpty(),
                    LimitScripts.read(r, scope),
                    LimitScripts.activeCalls(r, scope, now),
                    effective(settings.budget(scope), live),
                    BudgetScripts.used(r, scope, now));
        });
    }

    /**
     * Sets a scope's limits and token budget live, on every node, overriding its configured ones until
     * {@link #clear}.
     */
    public void set(LimitScope scope, LimitParameters parameters, TokenBudget budget) {
        redis.call(r -> {
            r.hset(
                    RedisKeys.limitSettings(scope.name()),
                    Map.of(
                            LimitState.REQUESTS_PER_MINUTE, Long.toString(parameters.requestsPerMinute()),
                            LimitState.TOKENS_PER_MINUTE, Long.toString(parameters.tokensPerMinute()),
                            LimitState.CONCURRENT_CALLS, Integer.toString(parameters.concurrentCalls()),
                            LimitState.BURST_MS,
                                    Long.toString(parameters.burst().toMillis()),
                            LimitState.TOKENS_PER_DAY, Long.toString(budget.tokensPerDay()),
                            LimitState.TOKENS_PER_MONTH, Long.toString(budget.tokensPerMonth())));
            return r.sadd(RedisKeys.limits(), scope.name());
        });
        LOG.info(() -> "Limits of " + scope.name() + " set live to " + parameters + ", " + budget);
    }

    /** Drops a scope's live limits, so its configured ones apply again; returns false when it had none. */
    public boolean clear(LimitScope scope) {
        return redis.call(r -> r.del(RedisKeys.limitSettings(scope.name()))) > 0;
    }

    private LimitParameters effective(LimitScope scope, Map<String, String> live) {
        LimitParameters configured = settings.parameters(scope);
        return new LimitParameters(
                longOr(live.get(LimitState.REQUESTS_PER_MINUTE), configured.requestsPerMinute()),
                longOr(live.get(LimitState.TOKENS_PER_MINUTE), configured.tokensPerMinute()),
                (int) longOr(live.get(LimitState.CONCURRENT_CALLS), configured.concurrentCalls()),
                Duration.ofMillis(
                        longOr(live.get(LimitState.BURST_MS), configured.burst().toMillis())));
    }

    private static TokenBudget effective(TokenBudget configured, Map<String, String> live) {
        return new TokenBudget(
                longOr(live.get(LimitState.TOKENS_PER_DAY), configured.tokensPerDay()),
                longOr(live.get(LimitState.TOKENS_PER_MONTH), configured.tokensPerMonth()));
    }

    private Limited limited(LimitScope scope) {
        return new Limited(scope, settings.parameters(scope));
    }

    private static long longOr(String text, long fallback) {
        return text == null || text.isEmpty() ? fallback : Long.parseLong(text);
    }
}
