package dev.agentqueue.worker;

import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.limits.Admission;
import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.task.DeliveryExhaustion;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TransitionOutcome;
import dev.agentqueue.worker.Outcome.Deferred;
import dev.agentqueue.worker.Outcome.Exhausted;
import dev.agentqueue.worker.Outcome.Interrupted;
import dev.agentqueue.worker.Outcome.RetryLater;
import dev.agentqueue.worker.Outcome.Skipped;
import dev.agentqueue.worker.Outcome.Terminal;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The worker's failure policy: pure functions from what is known about a delivery to its {@link Outcome}. They read
 * no clock, store or queue, so every route a delivery can take is decided here and tested without a server.
 */
final class OutcomePolicy {

    /** The warnings of an attempt that did not run. */
    static final String NO_WARNINGS = "[]";

    /** How long a task that arrives while the workers stop waits before it is delivered again. */
    static final long SHUTDOWN_DEFERRAL_MS = 1_000;

    private OutcomePolicy() {}

    /**
     * Tells why a task cannot run as given, before it runs: its {@code contract} is not deployed (null), the agent it
     * names is not configured ({@code agent} null), or its contract needs an agent and it names none.
     */
    static Optional<String> refusal(
            Delivery delivery, ExecutionContract contract, Collection<String> deployed, AgentDefinition agent) {
        if (contract == null) {
            return Optional.of("Unknown contract '" + delivery.contract() + "'; deployed contracts: " + deployed);
        }
        if (delivery.agent() != null && agent == null) {
            return Optional.of("Unknown agent '" + delivery.agent() + "'");
        }
        if (delivery.agent() == null && contract.requiresAgent()) {
            return Optional.of("Contract " + contract.id() + " requires an agent and the task names none");
        }
        return Optional.empty();
    }

    /**
     * Routes a failure: a terminal one is dead-lettered, and so is a retryable one on the broker's last attempt;
     * otherwise the task is retried after the broker's backoff, or after the wait the downstream asked for when that
     * is longer, which takes a re-sent copy.
     */
    static Outcome failed(
            Delivery delivery,
            Throwable failure,
            ErrorClassification classification,
            RedeliverySettings policy,
            boolean ran,
            String warnings) {
        TaskError error = TaskError.of(classification, failure.getClass().getName(), messageOf(failure));
        if (classification == ErrorClassification.TERMINAL) {
            return new Terminal(error, delivery.attempt(), ran, warnings, false);
        }
        if (policy.isLastAttempt(delivery.attempt())) {
            return new Exhausted(error, delivery.attempt(), ran, warnings, false);
        }
        long backoff = policy.delayAfterAttempt(delivery.attempt());
        long asked = failure instanceof RetryableTaskException r
                ? r.retryAfter().map(Duration::toMillis).orElse(0L)
                : 0L;
        return new RetryLater(error, Math.max(backoff, asked), asked > backoff, warnings);
    }

    /**
     * Decides for a task delivered more often than {@code maxAttempts} whether it is out of attempts, before it runs
     * again; {@code recorded} is its record (null: none). Only attempts a worker started count: a server that died
     * also drops deliveries it had only buffered. Every earlier attempt ended without an outcome (its server crashed
     * or was killed), and the broker counts only rollbacks against max-delivery-attempts, so after a restart it
     * delivers again; the record tells. The dead letter carries the recorded attempt, so that a repeat of the move
     * after a crash sends a copy the DLQ drops as a duplicate.
     */
    static Optional<Outcome> exhausted(Delivery delivery, int maxAttempts, TaskSnapshot recorded) {
        if (maxAttempts <= 0 || delivery.attempt() <= maxAttempts) {
            return Optional.empty();
        }
        if (recorded == null) {
            return Optional.of(new Exhausted(
                    DeliveryExhaustion.redelivered(maxAttempts), delivery.attempt(), false, NO_WARNINGS, false));
        }
        if (recorded.attempt() < maxAttempts) {
            return Optional.empty();
        }
        if (DeliveryExhaustion.decide(recorded.state()) == DeliveryExhaustion.Action.NONE) {
            return Optional.of(new Skipped("the task is " + recorded.state()));
        }
        boolean deadLettered = recorded.state() == TaskState.DEAD_LETTER;
        TaskError error = deadLettered && recorded.error() != null
                ? recorded.error()
                : DeliveryExhaustion.redelivered(maxAttempts);
        // Closes the attempt that never reported back, rather than opening one that will not run.
        return Optional.of(new Exhausted(
                error,
                recorded.attempt(),
                recorded.state() == TaskState.RUNNING,
                recorded.warnings().toString(),
                deadLettered));
    }

    /**
     * Decides what a delivery does when marking its attempt running was refused ({@code started}), or when it
     * follows deliveries that never reached a worker; empty when the attempt runs. {@code record} reads the task's
     * record, needed only for a task already dead-lettered.
     */
    static Optional<Outcome> notStarted(
            Delivery delivery, TransitionOutcome started, Supplier<Optional<TaskSnapshot>> record) {
        if (started.applied()) {
            // The container refuses deliveries to a stopping application, and the broker counts them: the task is
            // renumbered after the attempts it really made, so a shutdown neither uses up its retries nor lets the
            // broker dead-letter it.
            return started.previousState() != TaskState.RUNNING && delivery.attempt() > started.previousAttempt() + 1
                    ? Optional.of(new Interrupted(
                            started.previousAttempt(), "REQUEUED", "deliveries refused while the application stopped"))
                    : Optional.empty();
        }
        if (started.result() == TransitionOutcome.Result.STALE) {
            // The record already counts more attempts (a deferred copy, or a count lost in a crash): continue after
            // the recorded attempt instead of replaying numbers already used.
            return Optional.of(new Deferred(
                    0,
                    started.previousAttempt(),
                    "behind recorded attempt " + started.previousAttempt() + "; renumbered after it"));
        }
        if (started.previousState() == TaskState.DEAD_LETTER) {
            // Recorded as dead-lettered, yet back on the task queue: the worker stopped between recording it and
            // acknowledging the message. The move is finished instead of the message dropped; if the copy had reached
            // the DLQ, the broker drops this one as a duplicate (same task, redrive and recorded attempt).
            TaskSnapshot task = record.get().orElse(null);
            TaskError error = task != null && task.error() != null
                    ? task.error()
                    : TaskError.of(ErrorClassification.TERMINAL, "unknown", "dead-lettered without a recorded error");
            int attempt = task == null ? delivery.attempt() : task.attempt();
            return Optional.of(
                    error.classification() == ErrorClassification.TERMINAL
                            ? new Terminal(error, attempt, false, NO_WARNINGS, true)
                            : new Exhausted(error, attempt, false, NO_WARNINGS, true));
        }
        if (started.result() == TransitionOutcome.Result.MISSING) {
            // Only a message whose idempotency key already belongs to another task gets here.
            return Optional.of(new Skipped("its idempotency key belongs to another task"));
        }
        return Optional.of(new Skipped("the task is " + started.previousState()));
    }

    /** Re-sends a task whose downstream breaker refuses calls until {@code untilMs}, without using an attempt. */
    static Deferred deferredForBreaker(Delivery delivery, String breaker, long untilMs, long nowMs, long minimumMs) {
        return deferred(
                delivery, Math.max(minimumMs, untilMs - nowMs), "circuit breaker '" + breaker + "' refuses calls");
    }

    /** Re-sends a task whose provider call the limits refused until {@code untilMs}, without using an attempt. */
    static Deferred deferredForLimit(Delivery delivery, Admission refusal, long nowMs, long minimumMs) {
        return deferred(delivery, Math.max(minimumMs, refusal.retryAtMs() - nowMs), refusal.reason());
    }

    /** Re-sends a task that arrives while the workers stop, for whoever runs after them; no attempt used. */
    static Deferred deferredForShutdown(Delivery delivery) {
        return deferred(delivery, SHUTDOWN_DEFERRAL_MS, "the workers are shutting down");
    }

    /** Re-sends a task after {@code delayMs} without using an attempt, for the reason {@code why}. */
    static Deferred deferred(Delivery delivery, long delayMs, String why) {
        return new Deferred(delayMs, delivery.attempt() - 1, why);
    }

    /**
     * Puts a task whose attempt a shutdown interrupted back on the queue, as if that attempt had not been made: the
     * record returns to QUEUED with the attempt marked INTERRUPTED, never FAILED.
     */
    static Interrupted interrupted(Delivery delivery) {
        return new Interrupted(delivery.attempt() - 1, "INTERRUPTED", "shutdown");
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
