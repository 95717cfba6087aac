package dev.agentqueue.worker;

import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.metrics.TaskMetrics;
import dev.agentqueue.trace.TaskSpans;
import dev.agentqueue.worker.Outcome.Completed;
import dev.agentqueue.worker.Outcome.DeadLettered;
import dev.agentqueue.worker.Outcome.Deferred;
import dev.agentqueue.worker.Outcome.RetryLater;
import dev.agentqueue.worker.Outcome.Terminal;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reports the {@link Outcome} of a delivery to the metrics and on the delivery's span, just before
 * {@link OutcomeRoute} carries it out: the one place where outcomes become counts.
 */
@ApplicationScoped
public class OutcomeTelemetry {

    @Inject
    TaskMetrics metrics;

    /** Reports {@code outcome} of {@code delivery}, decided at {@code now} (epoch milliseconds). */
    void report(Delivery delivery, Outcome outcome, long now) {
        Span span = Span.current();
        span.setAttribute(TaskSpans.TASK_ID, delivery.taskId());
        span.setAttribute(TaskSpans.ATTEMPT_NUMBER, delivery.attempt());
        if (delivery.contract() != null) {
            span.setAttribute(TaskSpans.CONTRACT, delivery.contract());
        }
        if (delivery.agent() != null) {
            span.setAttribute(TaskSpans.AGENT, delivery.agent());
        }
        span.setAttribute(TaskSpans.OUTCOME, outcome.getClass().getSimpleName());
        String contract = delivery.contract();
        String agent = delivery.agent();
        if (outcome instanceof Completed) {
            metrics.completed(contract, agent, delivery.envelope().createdAt(), now);
        } else if (outcome instanceof RetryLater) {
            metrics.failed(contract, agent);
        } else if (outcome instanceof DeadLettered) {
            metrics.deadLettered(contract, agent, outcome instanceof Terminal ? "terminal" : "exhausted");
        } else if (outcome instanceof Deferred) {
            metrics.deferred(contract, agent);
        }
    }
}
