package dev.agentqueue.breaker;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The programmatic API of the shared circuit breakers: guard a call, look ahead before taking work, list and
 * reset. Every state change is one Lua script on Redis, so all nodes share each breaker. Each state a script reports
 * is announced as a {@link BreakerObserved} event.
 */
@ApplicationScoped
public class SharedBreakers {

    private static final Logger LOG = Logger.getLogger(SharedBreakers.class.getName());
    private static final ThreadLocal<String> ADMITTED = new ThreadLocal<>();

    @Inject
    RedisGateway redis;

    @Inject
    BreakerSettings settings;

    @Inject
    Event<BreakerObserved> observed;

    /**
     * Runs {@code work} through the named breaker and records its outcome; {@code isFailure} decides which
     * exceptions count against the downstream (others, like a refused request, count as answers).
     *
     * @throws BreakerOpenException when the breaker refuses the call; {@code work} is not run
     */
    public <T> T call(String name, Callable<T> work, Predicate<Throwable> isFailure) throws Exception {
        BreakerParameters parameters = settings.parameters(name);
        if (name.equals(ADMITTED.get())) {
            ADMITTED.remove();
        } else {
            BreakerScripts.Permit permit =
                    redis.call(r -> BreakerScripts.acquire(r, name, parameters, System.currentTimeMillis()));
            observed.fire(new BreakerObserved(name, permit.state()));
            if (!permit.permitted()) {
                throw new BreakerOpenException(name, permit.state(), permit.retryAt());
            }
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
     * Asks the named breaker, before work is taken on, whether a call may go ahead. When it may, the permit is kept
     * for this thread, and the next {@link #call} through that breaker on it uses the permit instead of asking
     * again (a half-open breaker admits only a few probes). Returns when to come back when it may not.
     */
    public Optional<Instant> admit(String name) {
        BreakerScripts.Permit permit =
                redis.call(r -> BreakerScripts.acquire(r, name, settings.parameters(name), System.currentTimeMillis()));
        observed.fire(new BreakerObserved(name, permit.state()));
        if (!permit.permitted()) {
            return Optional.of(permit.retryAt());
        }
        ADMITTED.set(name);
        return Optional.empty();
    }

    /** Drops a permit {@link #admit} kept for this thread and no call used; a probe lease then simply expires. */
    public void endAdmission() {
        ADMITTED.remove();
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
            observed.fire(new BreakerObserved(name, BreakerState.CLOSED));
            LOG.info(() -> "Circuit breaker '" + name + "' reset to CLOSED");
        }
        return known;
    }

    private void record(String name, BreakerParameters parameters, boolean success) {
        BreakerScripts.Recorded recorded =
                redis.call(r -> BreakerScripts.record(r, name, parameters, success, System.currentTimeMillis()));
        observed.fire(new BreakerObserved(name, recorded.state()));
        if (!success && recorded.state() == BreakerState.OPEN) {
            LOG.fine(() -> "Circuit breaker '" + name + "' is OPEN after call " + recorded.sequence());
        }
    }
}
