package dev.agentqueue.breaker;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The programmatic API of the shared circuit breakers: guard a call, look ahead before taking work, list and
 * reset. Every state change is one Lua script on Redis, so all nodes share each breaker.
 */
@ApplicationScoped
public class SharedBreakers {

    private static final Logger LOG = Logger.getLogger(SharedBreakers.class.getName());

    @Inject
    RedisGateway redis;

    @Inject
    BreakerSettings settings;

    /**
     * Runs {@code work} through the named breaker and records its outcome; {@code isFailure} decides which
     * exceptions count against the downstream (others, like a refused request, count as answers).
     *
     * @throws BreakerOpenException when the breaker refuses the call; {@code work} is not run
     */
    public <T> T call(String name, Callable<T> work, Predicate<Throwable> isFailure) throws Exception {
        BreakerParameters parameters = settings.parameters(name);
        BreakerScripts.Permit permit =
                redis.call(r -> BreakerScripts.acquire(r, name, parameters, System.currentTimeMillis()));
        if (!permit.permitted()) {
            throw new BreakerOpenException(name, permit.state(), permit.retryAt());
        }
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            record(name, parameters, !isFailure.test(e));
            throw e;
        }
        record(name, parameters, true);
        return result;
    }

    /**
     * Tells, without changing anything, until when the named breaker will refuse calls; empty when a call may be
     * tried now. Workers use it to defer a task before they spend an attempt on it.
     */
    public Optional<Instant> refusedUntil(String name) {
        long now = System.currentTimeMillis();
        List<String> fields =
                redis.call(r -> r.hmget(RedisKeys.breaker(name), "state", "openedAt", "probes", "probeUntil")).stream()
                        .map(kv -> kv.getValueOrElse(""))
                        .toList();
        return refusal(fields, settings.parameters(name), now);
    }

    /** Returns the named breaker's current state, if it has been used. */
    public Optional<BreakerSnapshot> find(String name) {
        return redis.call(r -> BreakerScripts.read(r, name))
                .map(hash -> BreakerSnapshot.fromHash(name, hash, settings.parameters(name)));
    }

    /** Returns every breaker that has been used, by name. */
    public List<BreakerSnapshot> list() {
        return redis.call(r -> r.smembers(RedisKeys.breakers())).stream()
                .sorted()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Resets the named breaker to CLOSED with zero counts; returns false when no such breaker is known. */
    public boolean reset(String name) {
        boolean known = redis.call(r -> BreakerScripts.reset(r, name));
        if (known) {
            LOG.info(() -> "Circuit breaker '" + name + "' reset to CLOSED");
        }
        return known;
    }

    private void record(String name, BreakerParameters parameters, boolean success) {
        BreakerScripts.Recorded recorded =
                redis.call(r -> BreakerScripts.record(r, name, parameters, success, System.currentTimeMillis()));
        if (!success && recorded.state() == BreakerState.OPEN) {
            LOG.fine(() -> "Circuit breaker '" + name + "' is OPEN after call " + recorded.sequence());
        }
    }

    private static Optional<Instant> refusal(List<String> fields, BreakerParameters parameters, long now) {
        String state = fields.get(0);
        if (BreakerState.OPEN.name().equals(state)) {
            long until = parse(fields.get(1)) + parameters.delay().toMillis();
            return until > now ? Optional.of(Instant.ofEpochMilli(until)) : Optional.empty();
        }
        if (BreakerState.HALF_OPEN.name().equals(state)) {
            long probeUntil = parse(fields.get(3));
            boolean probing = parse(fields.get(2)) >= parameters.successThreshold() && probeUntil > now;
            // Look again after one delay (or when the probe's lease ends): the probe will usually have settled it.
            long until =
                    Math.min(probeUntil, now + Math.max(1, parameters.delay().toMillis()));
            return probing ? Optional.of(Instant.ofEpochMilli(until)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static long parse(String text) {
        return text == null || text.isEmpty() ? 0 : Long.parseLong(text);
    }
}
