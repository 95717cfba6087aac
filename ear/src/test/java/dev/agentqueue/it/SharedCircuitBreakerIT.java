package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.breaker.BreakerOpenException;
import dev.agentqueue.breaker.BreakerParameters;
import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.it.support.GuardedDownstream;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code @SharedCircuitBreaker} interceptor binding in the container, on a bean of another module. */
@ExtendWith(ArquillianExtension.class)
class SharedCircuitBreakerIT {

    @Inject
    GuardedDownstream downstream;

    @Inject
    SharedBreakers breakers;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith(GuardedDownstream.class);
    }

    @Test
    void anAnnotatedBeanIsRefusedOnceItsBreakerOpensAndServedAgainAfterAReset() {
        breakers.reset(GuardedDownstream.BREAKER);
        assertThat(downstream.call(false)).isEqualTo("ok");
        // One success and threshold - 1 failures fill the window with a failure share of at least one half.
        for (int i = 0; i < BreakerParameters.DEFAULT_REQUEST_VOLUME_THRESHOLD - 1; i++) {
            assertThatThrownBy(() -> downstream.call(true)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(breakers.find(GuardedDownstream.BREAKER).orElseThrow().state())
                .isEqualTo(BreakerState.OPEN);
        int ran = downstream.invocations();

        assertThatThrownBy(() -> downstream.call(false)).isInstanceOf(BreakerOpenException.class);
        assertThat(downstream.invocations()).isEqualTo(ran);

        assertThat(breakers.reset(GuardedDownstream.BREAKER)).isTrue();
        assertThat(downstream.call(false)).isEqualTo("ok");
        assertThat(breakers.find(GuardedDownstream.BREAKER).orElseThrow().calls())
                .isEqualTo(1);
    }
}
