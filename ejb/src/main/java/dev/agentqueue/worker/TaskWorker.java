package dev.agentqueue.worker;

import dev.agentqueue.agent.AgentRegistry;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ContractRegistry;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.limits.CallLimits;
import dev.agentqueue.limits.LimitScope;
import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Handles one delivery of a task message: read it, check it may run, mark the attempt running, and run the
 * contract. What happens then is an {@link Outcome} that {@link OutcomePolicy} decides and {@link OutcomeRoute}
 * carries out. There is no delivery transaction: each step is written before the message is acknowledged, and a
 * delivery that comes back after a crash finds its step already recorded.
 */
@ApplicationScoped
public class TaskWorker {

    private static final Logger LOG = Logger.getLogger(TaskWorker.class.getName());

    /** How long a call slot outlives its attempt's timeout before it comes back by itself (a crashed node's). */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** The settlement of the limits the delivery on this thread was admitted by, run after its outcome is recorded. */
    private static final ThreadLocal<Runnable> SETTLEMENT = new ThreadLocal<>();

    /** The limits ticket of the delivery on this thread, whose slots a heartbeat of its attempt holds longer. */
    private static final ThreadLocal<CallLimits.Ticket> TICKET = new ThreadLocal<>();

    @Inject
    TaskStore store;

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
    CallLimits limits;

    @Inject
    SharedBreakers breakers;

    @Inject
    InFlightAttempts inFlight;

    @Inject
    CrashIsolation isolation;

    @Inject
    OutcomeRoute route;

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
            Runnable settlement = SETTLEMENT.get();
            if (settlement != null) {
                SETTLEMENT.remove();
                settlement.run();
            }
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
            List<LimitScope> scopes = limitScopes(delivery, breaker, agent);
            return scopes.isEmpty() ? start(delivery, contract, agent) : limited(delivery, contract, agent, scopes);
        } finally {
            breakers.endAdmission();
        }
    }

    /**
     * Returns what limits a task: the provider endpoint its contract calls ({@code breaker}) and its agent, and its
     * concurrency key, whatever it runs.
     */
    private static List<LimitScope> limitScopes(Delivery delivery, String breaker, AgentDefinition agent) {
        List<LimitScope> scopes = new ArrayList<>();
        if (breaker != null) {
            scopes.add(LimitScope.endpoint(breaker));
            if (agent != null) {
                scopes.add(LimitScope.agent(agent.name()));
            }
        }
        String key = delivery.envelope().concurrencyKey();
        if (key != null) {
            scopes.add(LimitScope.key(key));
        }
        return scopes;
    }

    /**
     * Starts a task once the limits of its {@code scopes} admit it, and settles with the tokens it used; refused, the
     * task is deferred until there is room, without using an attempt.
     */
    private Outcome limited(
            Delivery delivery, ExecutionContract contract, AgentDefinition agent, List<LimitScope> scopes) {
        long estimate = contract.tokenEstimate(delivery.envelope().payload(), agent);
        CallLimits.Ticket ticket = limits.admit(
                scopes,
                delivery.taskId() + "/" + delivery.attempt(),
                estimate,
                Duration.ofMillis(delivery.envelope().timeoutMs()).plus(LEASE_MARGIN));
        if (!ticket.admission().admitted()) {
            return OutcomePolicy.deferredForLimit(
                    delivery,
                    ticket.admission(),
                    System.currentTimeMillis(),
                    settings.minimumDeferral().toMillis());
        }
        Outcome outcome = null;
        TICKET.set(ticket);
        try {
            outcome = start(delivery, contract, agent);
            return outcome;
        } finally {
            TICKET.remove();
            // Settled once the outcome is recorded (process), so a slot is free only when its task no longer shows
            // RUNNING: the records never show more of a key's tasks at once than its cap.
            long used = TokenSettlement.tokensUsed(outcome, estimate);
            SETTLEMENT.set(() -> limits.settle(ticket, used));
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
                new StoredReports(store, limits, TICKET.get(), delivery.taskId(), delivery.attempt()));
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
