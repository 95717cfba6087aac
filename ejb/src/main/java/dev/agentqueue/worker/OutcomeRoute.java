package dev.agentqueue.worker;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.dlq.DeadLetterTally;
import dev.agentqueue.dlq.triage.AlertCheck;
import dev.agentqueue.flow.FlowSteps;
import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.messaging.MessageForwarder;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.task.TaskFields;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import dev.agentqueue.worker.Outcome.Completed;
import dev.agentqueue.worker.Outcome.DeadLettered;
import dev.agentqueue.worker.Outcome.Deferred;
import dev.agentqueue.worker.Outcome.Interrupted;
import dev.agentqueue.worker.Outcome.RetryLater;
import dev.agentqueue.worker.Outcome.Skipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Carries out the {@link Outcome} of a delivery: records it on the task and, where it says so, moves the message to
 * the dead-letter queue or re-sends it. The only place the worker does either: one dead-letter call and one re-send.
 * Every record write comes before the message moves, and a repeat after a crash finds it already done.
 */
@ApplicationScoped
public class OutcomeRoute {

    private static final Logger LOG = Logger.getLogger(OutcomeRoute.class.getName());

    @Inject
    TaskStore store;

    @Inject
    MessageForwarder forwarder;

    @Inject
    BrokerManagement broker;

    @Inject
    TaskLimits limits;

    @Inject
    WorkerSettings settings;

    @Inject
    OutcomeTelemetry telemetry;

    @Inject
    AlertCheck alerts;

    @Inject
    DeadLetterTally tally;

    @Inject
    FlowSteps flows;

    /** Carries out {@code outcome} for {@code delivery} and tells whether to acknowledge it or hand it back. */
    public Disposition carryOut(Delivery delivery, Outcome outcome) {
        long now = System.currentTimeMillis();
        telemetry.report(delivery, outcome, now);
        // A switch over the sealed type once the build targets Java 21.
        if (outcome instanceof Completed completed) {
            complete(delivery, completed, now);
            flows.completed(delivery);
            return Disposition.ACKNOWLEDGE;
        }
        if (outcome instanceof RetryLater retry) {
            store.fail(
                    delivery.taskId(), delivery.attempt(), retry.error(), now + retry.waitMs(), retry.warnings(), now);
            LOG.info(() -> delivery + " failed, next attempt in " + retry.waitMs() + " ms: "
                    + retry.error().type() + ": " + retry.error().message());
            return retry.resend() ? resend(delivery, retry.waitMs(), delivery.attempt()) : Disposition.REDELIVER;
        }
        if (outcome instanceof DeadLettered deadLettered) {
            return deadLetter(delivery, deadLettered, now);
        }
        if (outcome instanceof Deferred deferred) {
            LOG.info(() -> delivery + " deferred by " + deferred.delayMs() + " ms, without using an attempt: "
                    + deferred.why());
            noteDeferral(delivery, deferred, now);
            return resend(delivery, deferred.delayMs(), deferred.attemptBase());
        }
        if (outcome instanceof Interrupted interrupted) {
            store.release(
                    delivery.taskId(),
                    delivery.attempt(),
                    interrupted.attemptsMade(),
                    interrupted.mark(),
                    interrupted.note(),
                    now);
            LOG.info(() -> delivery + " back on the queue after attempt " + interrupted.attemptsMade()
                    + " without using an attempt: " + interrupted.note());
            return resend(delivery, 0, interrupted.attemptsMade());
        }
        LOG.info(() -> delivery + " skipped: " + ((Skipped) outcome).why());
        // A flow step whose task completed in a delivery that died before its acknowledgement releases its next steps
        // now; for any other skip the flow finds nothing to do.
        flows.completed(delivery);
        return Disposition.ACKNOWLEDGE;
    }

    private void complete(Delivery delivery, Completed completed, long now) {
        TransitionOutcome outcome = recordResult(delivery, completed, now);
        if (outcome.result() == TransitionOutcome.Result.MISSING) {
            // The record vanished while the attempt ran (Redis lost its data): recreated from the envelope, it gets
            // the result instead of dropping it.
            int maxAttempts = recreate(delivery);
            if (store.start(delivery.taskId(), delivery.attempt(), maxAttempts, settings.node(), now)
                    .applied()) {
                outcome = recordResult(delivery, completed, now);
            }
        }
        TransitionOutcome recorded = outcome;
        if (recorded.applied()) {
            LOG.fine(() -> delivery + " completed");
        } else {
            LOG.warning(() -> delivery + " finished, but its record had moved on to " + recorded.previousState()
                    + " attempt " + recorded.previousAttempt() + "; this result was not recorded");
        }
    }

    private TransitionOutcome recordResult(Delivery delivery, Completed completed, long now) {
        return store.complete(
                delivery.taskId(),
                delivery.attempt(),
                completed.result().toString(),
                completed.warnings(),
                usageOf(completed.result()),
                now);
    }

    /**
     * Creates the missing record of a delivered task from its envelope, with a flow step's flow and step so that the
     * reconciler can label a re-sent message again; returns the attempt budget it recorded.
     */
    private int recreate(Delivery delivery) {
        int maxAttempts = broker.redelivery().maxDeliveryAttempts();
        Map<String, String> flowFields = TaskFields.flowFields(delivery.flowId(), delivery.flowStep());
        store.createAll(
                List.of(delivery.newTask(maxAttempts, limits.defaultTimeout().toMillis())), false, task -> flowFields);
        return maxAttempts;
    }

    private Disposition deadLetter(Delivery delivery, DeadLettered outcome, long now) {
        if (!outcome.recorded()) {
            recordDeadLetter(delivery, outcome, now);
        }
        DeadLetterLabel label = new DeadLetterLabel(
                delivery.taskId(),
                outcome.attempt(),
                delivery.contract(),
                delivery.agent(),
                outcome.error(),
                broker.taskAddress());
        // Counted before it is sent, so whoever sees the letter in the queue sees it counted; a send that fails is
        // repeated on redelivery, and the reconciler recounts the overcount.
        tally.added(label, now);
        forwarder.deadLetter(delivery.message(), label);
        flows.deadLettered(delivery);
        alerts.deadLettered(label);
        LOG.warning(() -> delivery + " dead-lettered (" + outcome.getClass().getSimpleName() + ", "
                + outcome.error().classification() + "): " + outcome.error().type() + ": "
                + outcome.error().message());
        return Disposition.ACKNOWLEDGE;
    }

    private void recordDeadLetter(Delivery delivery, DeadLettered d, long now) {
        String id = delivery.taskId();
        TransitionOutcome outcome = store.deadLetter(id, d.attempt(), d.error(), d.ran(), d.warnings(), now);
        if (outcome.result() == TransitionOutcome.Result.MISSING) {
            recreate(delivery);
            outcome = store.deadLetter(id, d.attempt(), d.error(), false, d.warnings(), now);
        }
        if (!outcome.applied()) {
            TransitionOutcome refused = outcome;
            LOG.warning(() -> delivery + " could not be marked DEAD_LETTER (record is " + refused.previousState()
                    + " attempt " + refused.previousAttempt() + "); the message goes to the DLQ regardless");
        }
    }

    /** Shows a deferral on the task record; one at once (a renumbering) is no wait worth showing. */
    private void noteDeferral(Delivery delivery, Deferred deferred, long now) {
        if (deferred.delayMs() <= 0) {
            return;
        }
        try {
            store.defer(delivery.taskId(), now + deferred.delayMs(), deferred.why());
        } catch (StoreUnavailableException e) {
            // The note only shows the wait; the re-send that carries it out must go ahead, and Redis may be why.
            LOG.fine(() -> delivery + " deferral not noted on the record: " + e.getMessage());
        }
    }

    private Disposition resend(Delivery delivery, long delayMs, int attemptBase) {
        forwarder.requeue(delivery.message(), delivery.taskId(), delayMs, attemptBase);
        return Disposition.ACKNOWLEDGE;
    }

    /** Returns a result's token usage ({@code usage} object of a JSON object result) as JSON, or null. */
    private static String usageOf(JsonValue result) {
        if (result instanceof JsonObject object && object.get("usage") instanceof JsonObject usage) {
            return usage.toString();
        }
        return null;
    }
}
