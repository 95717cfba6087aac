package dev.agentqueue.it.support;

import dev.agentqueue.breaker.SharedCircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A CDI bean whose calls go through a shared breaker by interceptor binding; it fails when told to. */
@ApplicationScoped
public class GuardedDownstream {

    /** The breaker guarding this bean. */
    public static final String BREAKER = "it-guarded-downstream";

    private final AtomicInteger invocations = new AtomicInteger();

    /** Answers, or fails as a broken downstream would. */
    @SharedCircuitBreaker(BREAKER)
    public String call(boolean fail) {
        invocations.incrementAndGet();
        if (fail) {
            throw new IllegalStateException("downstream broken");
        }
        return "ok";
    }

    /** Returns how often the method body actually ran. */
    public int invocations() {
        return invocations.get();
    }
}
