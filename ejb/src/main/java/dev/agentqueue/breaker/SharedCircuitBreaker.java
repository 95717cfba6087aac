package dev.agentqueue.breaker;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a CDI bean method (or every method of a bean) with the named shared breaker: calls are refused with
 * {@link BreakerOpenException} while it is open, and every outcome is recorded. Exceptions count as failures,
 * except {@link dev.agentqueue.contract.TerminalTaskException}, which is the downstream answering "no".
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SharedCircuitBreaker {

    /** Names the breaker; beans guarding the same downstream share it. */
    @Nonbinding
    String value();
}
