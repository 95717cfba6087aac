package dev.agentqueue.limits;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisKeys;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Lua scripts that check and charge token budgets, callable on any connection. */
public final class BudgetScripts {

    private static final LuaScript CHECK = LuaScript.load("budget-check");
    private static final LuaScript CHARGE = LuaScript.load("budget-charge");

    private BudgetScripts() {}

    /** One scope with the budget configured for it (an admin's live one in Redis takes precedence). */
    public record Budgeted(LimitScope scope, TokenBudget budget) {}

    /**
     * A spent budget: {@code scope} used {@code spent} of its {@code budget} tokens in the current UTC
     * {@code window} ({@code day} or {@code month}), which refills at {@code refillMs}.
     */
    public record Spent(String scope, String window, long refillMs, long spent, long budget) {}

    /** Returns the spent budget among the scopes' that refills last, or empty when every one has room now. */
    public static Optional<Spent> check(RedisCommands<String, String> redis, List<Budgeted> scopes, long now) {
        BudgetWindow day = BudgetWindow.day(now);
        BudgetWindow month = BudgetWindow.month(now);
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(day.endMs()), Long.toString(month.endMs())));
        for (Budgeted budgeted : scopes) {
            String name = budgeted.scope().name();
            keys.addAll(List.of(
                    RedisKeys.limitSettings(name),
                    RedisKeys.budgetSpent(name, day.id()),
                    RedisKeys.budgetSpent(name, month.id())));
            args.add(Long.toString(budgeted.budget().tokensPerDay()));
            args.add(Long.toString(budgeted.budget().tokensPerMonth()));
        }
        List<Object> reply = CHECK.run(redis, keys.toArray(String[]::new), args.toArray(String[]::new));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        int index = ((Long) reply.get(0)).intValue() - 1;
        return Optional.of(new Spent(
                scopes.get(index).scope().name(),
                (String) reply.get(1),
                (Long) reply.get(2),
                (Long) reply.get(3),
                (Long) reply.get(4)));
    }

    /** Charges {@code tokens} to each scope's current UTC day and month. */
    public static void charge(RedisCommands<String, String> redis, List<LimitScope> scopes, long tokens, long now) {
        if (tokens <= 0 || scopes.isEmpty()) {
            return;
        }
        BudgetWindow day = BudgetWindow.day(now);
        BudgetWindow month = BudgetWindow.month(now);
        List<String> keys = new ArrayList<>();
        for (LimitScope scope : scopes) {
            keys.add(RedisKeys.budgetSpent(scope.name(), day.id()));
            keys.add(RedisKeys.budgetSpent(scope.name(), month.id()));
        }
        CHARGE.runForLong(
                redis,
                keys.toArray(String[]::new),
                Long.toString(tokens),
                Long.toString(day.endMs()),
                Long.toString(month.endMs()));
    }

    /** The tokens a scope used in the current UTC day and month. */
    public record Used(long today, long thisMonth) {}

    /** Reads the tokens a scope used in the current UTC day and month. */
    public static Used used(RedisCommands<String, String> redis, LimitScope scope, long now) {
        List<Long> values = redis
                .mget(
                        RedisKeys.budgetSpent(
                                scope.name(), BudgetWindow.day(now).id()),
                        RedisKeys.budgetSpent(
                                scope.name(), BudgetWindow.month(now).id()))
                .stream()
                .map(kv -> Long.parseLong(kv.getValueOrElse("0")))
                .toList();
        return new Used(values.get(0), values.get(1));
    }
}
