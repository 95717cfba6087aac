package dev.agentqueue.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Checks that Redis answers PING, for the health endpoint and readiness probes. */
@ApplicationScoped
public class RedisHealth {

    @Inject
    RedisGateway redis;

    /** The outcome of one PING: whether it answered and how long it took. */
    public record Status(boolean up, long latencyMicros, String detail) {}

    /** Sends one PING and reports the result; never throws. */
    public Status check() {
        long start = System.nanoTime();
        try {
            String reply = redis.call(r -> r.ping());
            long micros = (System.nanoTime() - start) / 1_000;
            return new Status("PONG".equalsIgnoreCase(reply), micros, reply);
        } catch (StoreUnavailableException e) {
            return new Status(false, (System.nanoTime() - start) / 1_000, e.getMessage());
        }
    }
}
