package dev.agentqueue.breaker;

import dev.agentqueue.contract.TerminalTaskException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link SharedCircuitBreaker}: runs the intercepted call through {@link SharedBreakers#call}. */
@SharedCircuitBreaker("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class SharedCircuitBreakerInterceptor {

    @Inject
    SharedBreakers breakers;

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        SharedCircuitBreaker binding = invocation.getMethod().getAnnotation(SharedCircuitBreaker.class);
        if (binding == null) {
            binding = invocation.getMethod().getDeclaringClass().getAnnotation(SharedCircuitBreaker.class);
        }
        if (binding == null) {
            binding = invocation.getTarget().getClass().getAnnotation(SharedCircuitBreaker.class);
        }
        if (binding == null || binding.value().isBlank()) {
            throw new IllegalStateException("@SharedCircuitBreaker on " + invocation.getMethod() + " names no breaker");
        }
        return breakers.call(binding.value(), invocation::proceed, e -> !(e instanceof TerminalTaskException));
    }
}
