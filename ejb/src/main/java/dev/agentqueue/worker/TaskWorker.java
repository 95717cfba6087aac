package dev.agentqueue.worker;

import dev.agentqueue.agent.AgentRegistry;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ContractRegistry;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.flow.FlowSteps;
import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskReports;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Handles one delivery of a task message: read it, check it may run (its breaker, and the call limits
 * {@link CallAdmission} asks), mark the attempt running, and run the contract. What happens then is an
 * {@link Outcome} that {@link OutcomePolicy} decides and {@link OutcomeRoute} carries out. There is no delivery
 * transaction: each step is written before the message is acknowledged, and a delivery that comes back after a crash
 * finds its step already recorded.
 */
@ApplicationScoped
public class TaskWorker {

    private static final Logger LOG = Logger.getLogger(TaskWorker.class.getName());

    @Inject
    TaskStore store;

    @Inject
    TaskReports reports;

    @Inject
    ContractRegistry contracts;

    @Inject
    AgentRegistry agents;

    @Inject
    BrokerManagement broker;

    @Inject
    ContractRunner runner;

    @Inject
    ErrorClassifier classifier;

    @Inject
    WorkerSettings settings;

    @Inject
    TaskLimits taskLimits;

    @Inject
    CallAdmission admission;

    @Inject
    SharedBreakers breakers;

    @Inject
    InFlightAttempts inFlight;

    @Inject
    CrashIsolation isolation;

    @Inject
    OutcomeRoute route;

    @Inject
    FlowSteps flows;

    /** Handles one delivery and tells the caller whether to acknowledge it or hand it back for redelivery. */
    public Disposition process(Message message) {
        Delivery delivery = Delivery.read(message, taskLimits.defaultTimeout().toMillis());
        try {
            return route.carryOut(delivery, decide(delivery));
        } catch (StoreUnavailableException e) {
            // Without the store nothing can be recorded, so the task waits for it without using an attempt.
            return route.carryOut(
                    delivery,
                    OutcomePolicy.deferred(delivery, settings.storeOutageDelay().toMillis(), e.getMessage()));
        } finally {
            admission.settleAdmitted();
        }
    }

    private Outcome decide(Delivery delivery) {
        if (delivery.isPoison()) {
            return failed(delivery, delivery.malformed(), false, OutcomePolicy.NO_WARNINGS);
        }
        ExecutionContract contract = contracts.find(delivery.contract()).orElse(null);
        AgentDefinition agent =
                delivery.agent() == null ? null : agents.find(delivery.agent()).orElse(null);
        Optional<String> refusal = OutcomePolicy.refusal(delivery, contract, contracts.ids(), agent);
        if (refusal.isPresent()) {
            return failed(delivery, new TerminalTaskException(refusal.get()), false, OutcomePolicy.NO_WARNINGS);
        }
        Optional<String> flowCancelled = flows.cancelled(delivery);
        if (flowCancelled.isPresent()) {
            return new Outcome.Skipped(flowCancelled.get());
        }
        String breaker = contract.breaker(agent).orElse(null);
        if (breaker != null) {
            Optional<Instant> refusedUntil = breakers.admit(breaker);
            if (refusedUntil.isPresent()) {
                return OutcomePolicy.deferredForBreaker(
                        delivery,
                        breaker,
                        refusedUntil.get().toEpochMilli(),
                        System.currentTimeMillis(),
                        settings.minimumDeferral().toMillis());
            }
        }
        try {
            return admission.admit(delivery, contract, agent, breaker, () -> start(delivery, contract, agent));
        } finally {
            breakers.endAdmission();
        }
    }

    private Outcome start(Delivery delivery, ExecutionContract contract, AgentDefinition agent) {
        if (inFlight.stopping()) {
            return OutcomePolicy.deferredForShutdown(delivery);
        }
        RedeliverySettings policy = broker.redelivery();
        // A first delivery needs no look at the record; a redelivery may follow a crash.
        TaskSnapshot recorded =
                delivery.attempt() > 1 ? store.find(delivery.taskId()).orElse(null) : null;
        Optional<Outcome> exhausted = OutcomePolicy.exhausted(delivery, policy.maxDeliveryAttempts(), recorded);
        if (exhausted.isPresent()) {
            return exhausted.get();
        }
        boolean suspect = recorded != null && CrashIsolation.isSuspect(recorded.state(), recorded.history());
        CrashIsolation.Permit permit;
        try {
            permit = isolation.enter(suspect);
        } catch (InterruptedException e) {
            // Only a stopping container interrupts a worker that waits here; the interrupt is answered by deferring.
            return OutcomePolicy.deferredForShutdown(delivery);
        }
        try (permit) {
            if (suspect) {
                LOG.info(() -> delivery + " runs alone on this server: its last attempts never reported back");
            }
            return inFlight.stopping()
                    ? OutcomePolicy.deferredForShutdown(delivery)
                    : attempt(delivery, contract, agent, policy.maxDeliveryAttempts());
        }
    }

    private Outcome attempt(Delivery delivery, ExecutionContract contract, AgentDefinition agent, int maxAttempts) {
        TransitionOutcome started = startAttempt(delivery, maxAttempts);
        Optional<Outcome> notStarted = OutcomePolicy.notStarted(delivery, started, () -> store.find(delivery.taskId()));
        if (notStarted.isPresent()) {
            return notStarted.get();
        }
        Duration timeout = Duration.ofMillis(delivery.envelope().timeoutMs());
        RunningTask task = new RunningTask(
                delivery.envelope(),
                agent,
                delivery.attempt(),
                maxAttempts,
                AttemptLease.startingNow(timeout, settings.maxAttemptDuration()),
                delivery.redrives(),
                new StoredReports(reports, admission, admission.running(), delivery.taskId(), delivery.attempt()));
        JsonValue result;
        try {
            result = runner.run(contract, task, timeout);
        } catch (WorkerStoppingException e) {
            return OutcomePolicy.interrupted(delivery);
        } catch (Exception e) {
            return failed(delivery, e, true, task.warningsJson());
        }
        return new Outcome.Completed(result, task.warningsJson());
    }

    /** Marks the attempt running, first creating the record of a task the store does not know. */
    private TransitionOutcome startAttempt(Delivery delivery, int maxAttempts) {
        long now = System.currentTimeMillis();
        TransitionOutcome started =
                store.start(delivery.taskId(), delivery.attempt(), maxAttempts, settings.node(), now);
        if (started.result() == TransitionOutcome.Result.MISSING) {
            // A plain JMS message, or an enqueue whose provisional record expired: the envelope has all we need.
            store.create(
                    delivery.newTask(maxAttempts, taskLimits.defaultTimeout().toMillis()), false);
            started = store.start(delivery.taskId(), delivery.attempt(), maxAttempts, settings.node(), now);
        }
        return started;
    }

    private Outcome failed(Delivery delivery, Throwable failure, boolean ran, String warnings) {
        return OutcomePolicy.failed(
                delivery,
                failure,
                classifier.classify(delivery.contract(), failure),
                broker.freshRedelivery(),
                ran,
                warnings);
    }
}
