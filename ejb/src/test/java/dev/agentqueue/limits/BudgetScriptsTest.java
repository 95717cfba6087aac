package dev.agentqueue.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.limits.BudgetScripts.Budgeted;
import dev.agentqueue.limits.BudgetScripts.Spent;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.testing.RedisServerExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token budget Lua scripts against a real redis-server: UTC day and month windows, live budgets, refill times. */
class BudgetScriptsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** Far enough ahead that the counters' expiry (a day after their window) is never in the past. */
    private static final long DEC_7 = at("2099-12-07T10:15:00Z");

    private final StatefulRedisConnection<String, String> connection =
            REDIS.client().connect();
    private final RedisCommands<String, String> redis = connection.sync();
    private final String tenant = UUID.randomUUID().toString();
    private final LimitScope key = LimitScope.key(tenant);
    private final LimitScope agent = LimitScope.agent(tenant);

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void aDailyBudgetIsSpentOnceItsUsageReachesItAndRefillsAtTheNextUtcMidnight() {
        List<Budgeted> scopes = List.of(new Budgeted(key, new TokenBudget(1000, 0)));
        BudgetScripts.charge(redis, List.of(key), 600, DEC_7);
        assertThat(BudgetScripts.check(redis, scopes, DEC_7)).isEmpty();

        BudgetScripts.charge(redis, List.of(key), 400, DEC_7 + 1000);
        Optional<Spent> spent = BudgetScripts.check(redis, scopes, DEC_7 + 2000);

        assertThat(spent).contains(new Spent(key.name(), "day", at("2099-12-08T00:00:00Z"), 1000, 1000));
        assertThat(BudgetScripts.check(redis, scopes, at("2099-12-08T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void aMonthlyBudgetCountsEveryDayOfTheMonthAndRefillsOnTheFirstOfTheNext() {
        List<Budgeted> scopes = List.of(new Budgeted(key, new TokenBudget(0, 500)));
        BudgetScripts.charge(redis, List.of(key), 300, at("2099-12-01T00:00:00Z"));
        BudgetScripts.charge(redis, List.of(key), 200, at("2099-12-31T23:59:59Z"));

        assertThat(BudgetScripts.check(redis, scopes, at("2099-12-31T23:59:59.500Z")))
                .contains(new Spent(key.name(), "month", at("2100-01-01T00:00:00Z"), 500, 500));
        assertThat(BudgetScripts.used(redis, key, at("2099-12-31T23:59:59.500Z")))
                .isEqualTo(new BudgetScripts.Used(200, 500));
    }

    @Test
    void whenSeveralBudgetsAreSpentTheOneThatRefillsLastIsReported() {
        BudgetScripts.charge(redis, List.of(key, agent), 100, DEC_7);
        List<Budgeted> scopes =
                List.of(new Budgeted(key, new TokenBudget(100, 0)), new Budgeted(agent, new TokenBudget(100, 100)));

        Spent spent = BudgetScripts.check(redis, scopes, DEC_7).orElseThrow();

        assertThat(spent.scope()).isEqualTo(agent.name());
        assertThat(spent.window()).isEqualTo("month");
        assertThat(spent.refillMs()).isEqualTo(at("2100-01-01T00:00:00Z"));
    }

    @Test
    void aBudgetAnAdminSetLiveOverridesTheConfiguredOne() {
        BudgetScripts.charge(redis, List.of(key), 50, DEC_7);
        List<Budgeted> unlimited = List.of(new Budgeted(key, TokenBudget.NONE));
        assertThat(BudgetScripts.check(redis, unlimited, DEC_7)).isEmpty();

        redis.hset(RedisKeys.limitSettings(key.name()), Map.of(LimitState.TOKENS_PER_DAY, "50"));
        assertThat(BudgetScripts.check(redis, unlimited, DEC_7))
                .map(Spent::budget)
                .contains(50L);

        redis.hset(RedisKeys.limitSettings(key.name()), Map.of(LimitState.TOKENS_PER_DAY, "0"));
        List<Budgeted> configured = List.of(new Budgeted(key, new TokenBudget(10, 0)));
        assertThat(BudgetScripts.check(redis, configured, DEC_7))
                .as("0 set live: no budget")
                .isEmpty();
    }

    @Test
    void aWindowsCounterExpiresADayAfterTheWindowEnds() {
        BudgetScripts.charge(redis, List.of(key), 7, DEC_7);

        assertThat(redis.pexpiretime(RedisKeys.budgetSpent(key.name(), "2099-12-07")))
                .isEqualTo(at("2099-12-09T00:00:00Z"));
        assertThat(redis.pexpiretime(RedisKeys.budgetSpent(key.name(), "2099-12")))
                .isEqualTo(at("2100-01-02T00:00:00Z"));
    }

    @Test
    void nothingIsChargedForACallThatUsedNoTokens() {
        BudgetScripts.charge(redis, List.of(key), 0, DEC_7);

        assertThat(BudgetScripts.used(redis, key, DEC_7)).isEqualTo(new BudgetScripts.Used(0, 0));
        assertThat(redis.exists(RedisKeys.budgetSpent(key.name(), "2099-12-07")))
                .isZero();
    }

    @Test
    void windowsAreCalendarDaysAndMonthsInUtc() {
        assertThat(BudgetWindow.day(at("2099-02-28T23:59:59.999Z")))
                .isEqualTo(new BudgetWindow("2099-02-28", at("2099-03-01T00:00:00Z")));
        assertThat(BudgetWindow.month(at("2099-02-28T23:59:59.999Z")))
                .isEqualTo(new BudgetWindow("2099-02", at("2099-03-01T00:00:00Z")));
        assertThat(BudgetWindow.month(DEC_7)).isEqualTo(new BudgetWindow("2099-12", at("2100-01-01T00:00:00Z")));
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
