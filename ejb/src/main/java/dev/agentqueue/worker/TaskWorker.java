package dev.agentqueue.worker;

import dev.agentqueue.agent.AgentDefinition;
import dev.agentqueue.agent.AgentRegistry;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.contract.ContractRegistry;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.envelope.EnvelopeCodec;
import dev.agentqueue.envelope.MalformedEnvelopeException;
import dev.agentqueue.envelope.MessageProperties;
import dev.agentqueue.envelope.TaskEnvelope;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.task.DeliveryExhaustion;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles one delivery of a task message: decode it, mark the attempt running, run the contract, and record the
 * outcome. Every failure goes through {@link #routeFailure}, which either dead-letters the task, hands the message
 * back to the broker for a retry, or re-sends it for later. There is no delivery transaction: each step is written
 * before the message is acknowledged, and a delivery that comes back after a crash finds its step already recorded.
 */
@ApplicationScoped
public class TaskWorker {

    private static final Logger LOG = Logger.getLogger(TaskWorker.class.getName());
    private static final String EMPTY_WARNINGS = "[]";
    /** How long a task that arrives while the workers stop waits before it is delivered again. */
    private static final long SHUTDOWN_DEFERRAL_MS = 1_000;

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
    MessageForwarder forwarder;

    @Inject
    WorkerSettings settings;

    @Inject
    TaskLimits limits;

    @Inject
    SharedBreakers breakers;

    @Inject
    InFlightAttempts inFlight;

    @Inject
    CrashIsolation isolation;

    /** Handles one delivery and tells the caller whether to acknowledge it or hand it back for redelivery. */
    public Disposition process(Message message) {
        Delivery delivery = read(message);
        try {
            return delivery.isPoison()
                    ? routeFailure(delivery, delivery.malformed(), false, EMPTY_WARNINGS)
                    : run(delivery);
        } catch (StoreUnavailableException e) {
            return deferDuringOutage(delivery, e);
        }
    }

    private Disposition run(Delivery delivery) {
        TaskEnvelope envelope = delivery.envelope();
        ExecutionContract contract = contracts.find(envelope.contract()).orElse(null);
        if (contract == null) {
            return refuse(
                    delivery, "Unknown contract '" + envelope.contract() + "'; deployed contracts: " + contracts.ids());
        }
        AgentDefinition agent = null;
        if (envelope.agent() != null) {
            agent = agents.find(envelope.agent()).orElse(null);
            if (agent == null) {
                return refuse(delivery, "Unknown agent '" + envelope.agent() + "'");
            }
        } else if (contract.requiresAgent()) {
            return refuse(delivery, "Contract " + contract.id() + " requires an agent and the task names none");
        }
        String breaker = contract.breaker(agent).orElse(null);
        if (breaker != null) {
            Optional<Instant> refusedUntil = breakers.admit(breaker);
            if (refusedUntil.isPresent()) {
                return deferForBreaker(delivery, breaker, refusedUntil.get());
            }
        }
        try {
            return start(delivery, contract, agent);
        } finally {
            breakers.endAdmission();
        }
    }

    private Disposition start(Delivery delivery, ExecutionContract contract, AgentDefinition agent) {
        if (inFlight.stopping()) {
            return deferForShutdown(delivery);
        }
        RedeliverySettings policy = broker.redelivery();
        // A first delivery needs no look at the record; a redelivery may follow a crash.
        TaskSnapshot recorded =
                delivery.attempt() > 1 ? store.find(delivery.taskId()).orElse(null) : null;
        if (policy.maxDeliveryAttempts() > 0 && delivery.attempt() > policy.maxDeliveryAttempts()) {
            // Only attempts a worker started count: a server that died also drops deliveries it had only buffered.
            if (recorded == null || recorded.attempt() >= policy.maxDeliveryAttempts()) {
                return exhausted(delivery, recorded, policy.maxDeliveryAttempts());
            }
        }
        boolean suspect = recorded != null && CrashIsolation.isSuspect(recorded.state(), recorded.history());
        CrashIsolation.Permit permit;
        try {
            permit = isolation.enter(suspect);
        } catch (InterruptedException e) {
            // Only a stopping container interrupts a worker that waits here; the interrupt is answered by deferring.
            return deferForShutdown(delivery);
        }
        try (permit) {
            if (suspect) {
                LOG.info(() -> delivery + " runs alone on this server: its last attempts never reported back");
            }
            return inFlight.stopping() ? deferForShutdown(delivery) : attempt(delivery, contract, agent, policy);
        }
    }

    private Disposition attempt(
            Delivery delivery, ExecutionContract contract, AgentDefinition agent, RedeliverySettings policy) {
        TaskEnvelope envelope = delivery.envelope();
        TransitionOutcome started = startAttempt(delivery, policy.maxDeliveryAttempts());
        if (!started.applied()) {
            return skip(delivery, started);
        }
        if (started.previousState() != TaskState.RUNNING && delivery.attempt() > started.previousAttempt() + 1) {
            return renumber(delivery, started.previousAttempt());
        }
        Duration timeout = Duration.ofMillis(envelope.timeoutMs());
        RunningTask task = new RunningTask(
                envelope,
                agent,
                delivery.attempt(),
                policy.maxDeliveryAttempts(),
                Instant.now().plus(timeout),
                intProperty(delivery.message(), MessageProperties.REDRIVES, 0),
                (fraction, note) -> store.progress(delivery.taskId(), delivery.attempt(), fraction, note));
        JsonValue result;
        try {
            result = runner.run(contract, task, timeout);
        } catch (WorkerStoppingException e) {
            return release(delivery);
        } catch (Exception e) {
            return routeFailure(delivery, e, true, task.warningsJson());
        }
        String resultJson = result.toString();
        Supplier<TransitionOutcome> complete = () -> store.complete(
                delivery.taskId(),
                delivery.attempt(),
                resultJson,
                task.warningsJson(),
                usageOf(result),
                System.currentTimeMillis());
        TransitionOutcome completed = complete.get();
        if (completed.result() == TransitionOutcome.Result.MISSING
                && startAttempt(delivery, policy.maxDeliveryAttempts()).applied()) {
            // The record vanished while the attempt ran (Redis lost its data): recreated from the envelope, it gets
            // the result instead of dropping it.
            completed = complete.get();
        }
        TransitionOutcome outcome = completed;
        if (outcome.applied()) {
            LOG.fine(() -> delivery + " completed");
        } else {
            LOG.warning(() -> delivery + " finished, but its record had moved on to " + outcome.previousState()
                    + " attempt " + outcome.previousAttempt() + "; this result was not recorded");
        }
        return Disposition.ACKNOWLEDGE;
    }

    /**
     * Dead-letters a task delivered more often than allowed, whose attempts all started, without running it again.
     * Every earlier attempt ended without an outcome (its server crashed or was killed), and the broker counts only
     * rollbacks against max-delivery-attempts, so after a restart it delivers again; the persisted delivery count
     * tells.
     */
    private Disposition exhausted(Delivery delivery, TaskSnapshot task, int maxAttempts) {
        if (task != null && DeliveryExhaustion.decide(task.state()) == DeliveryExhaustion.Action.NONE) {
            LOG.info(() -> delivery + " skipped: the task is " + task.state());
            return Disposition.ACKNOWLEDGE;
        }
        TaskError error = task != null && task.state() == TaskState.DEAD_LETTER && task.error() != null
                ? task.error()
                : DeliveryExhaustion.redelivered(maxAttempts);
        long now = System.currentTimeMillis();
        // The recorded attempt, so that a repeat of this move after a crash sends a copy the DLQ drops as a duplicate.
        int attempt = task == null ? delivery.attempt() : task.attempt();
        if (task == null) {
            recordDeadLetter(delivery, error, false, EMPTY_WARNINGS, now);
        } else if (task.state() != TaskState.DEAD_LETTER) {
            // Close the attempt that never reported back, rather than open one that will not run.
            store.deadLetter(
                    delivery.taskId(),
                    attempt,
                    error,
                    task.state() == TaskState.RUNNING,
                    task.warnings().toString(),
                    now);
        }
        forwarder.deadLetter(delivery, attempt, error, broker.taskAddress());
        LOG.warning(() ->
                delivery + " dead-lettered: delivered more than " + maxAttempts + " times without a recorded outcome");
        return Disposition.ACKNOWLEDGE;
    }

    /** Refuses a task that cannot run as given, before it runs: a terminal failure. */
    private Disposition refuse(Delivery delivery, String reason) {
        return routeFailure(delivery, new TerminalTaskException(reason), false, EMPTY_WARNINGS);
    }

    /**
     * Routes every failure of a delivery: terminal failures and the last attempt are dead-lettered; a retryable
     * failure goes back to the broker, which redelivers it after its backoff, or is re-sent later when the downstream
     * asked for a longer wait than the broker's.
     */
    private Disposition routeFailure(Delivery delivery, Throwable failure, boolean ran, String warnings) {
        ErrorClassification classification = classifier.classify(delivery.contract(), failure);
        TaskError error = TaskError.of(classification, failure.getClass().getName(), messageOf(failure));
        RedeliverySettings policy = broker.freshRedelivery();
        long now = System.currentTimeMillis();
        if (classification == ErrorClassification.TERMINAL || policy.isLastAttempt(delivery.attempt())) {
            recordDeadLetter(delivery, error, ran, warnings, now);
            forwarder.deadLetter(delivery, delivery.attempt(), error, broker.taskAddress());
            LOG.warning(() ->
                    delivery + " dead-lettered (" + classification + "): " + error.type() + ": " + error.message());
            return Disposition.ACKNOWLEDGE;
        }
        long backoff = policy.delayAfterAttempt(delivery.attempt());
        long asked = failure instanceof RetryableTaskException r
                ? r.retryAfter().map(Duration::toMillis).orElse(0L)
                : 0L;
        long wait = Math.max(backoff, asked);
        store.fail(delivery.taskId(), delivery.attempt(), error, now + wait, warnings, now);
        LOG.info(() -> delivery + " failed, next attempt in " + wait + " ms: " + error.type() + ": " + error.message());
        if (asked > backoff) {
            forwarder.requeue(delivery.message(), delivery.taskId(), asked, delivery.attempt());
            return Disposition.ACKNOWLEDGE;
        }
        return Disposition.REDELIVER;
    }

    private TransitionOutcome startAttempt(Delivery delivery, int maxAttempts) {
        long now = System.currentTimeMillis();
        TransitionOutcome started =
                store.start(delivery.taskId(), delivery.attempt(), maxAttempts, settings.node(), now);
        if (started.result() == TransitionOutcome.Result.MISSING) {
            // A plain JMS message, or an enqueue whose provisional record expired: the envelope has all we need.
            store.create(newTask(delivery, maxAttempts), false);
            started = store.start(delivery.taskId(), delivery.attempt(), maxAttempts, settings.node(), now);
        }
        return started;
    }

    private Disposition skip(Delivery delivery, TransitionOutcome outcome) {
        if (outcome.result() == TransitionOutcome.Result.STALE) {
            // The record already counts more attempts (a deferred copy, or a count lost in a crash): continue after
            // the recorded attempt instead of replaying numbers already used.
            LOG.info(() -> delivery + " is behind recorded attempt " + outcome.previousAttempt() + "; renumbering");
            forwarder.requeue(delivery.message(), delivery.taskId(), 0, outcome.previousAttempt());
            return Disposition.ACKNOWLEDGE;
        }
        if (outcome.previousState() == TaskState.DEAD_LETTER) {
            // Recorded as dead-lettered, yet back on the task queue: the worker stopped between recording it and
            // acknowledging the message. Finish the move instead of dropping the message; if the copy had reached the
            // DLQ, the broker drops this one as a duplicate (same task, redrive and recorded attempt).
            TaskSnapshot task = store.find(delivery.taskId()).orElse(null);
            TaskError error = task != null && task.error() != null
                    ? task.error()
                    : TaskError.of(ErrorClassification.TERMINAL, "unknown", "dead-lettered without a recorded error");
            forwarder.deadLetter(
                    delivery, task == null ? delivery.attempt() : task.attempt(), error, broker.taskAddress());
            LOG.warning(() -> delivery + " was already DEAD_LETTER; moved to the DLQ again");
            return Disposition.ACKNOWLEDGE;
        }
        if (outcome.result() == TransitionOutcome.Result.MISSING) {
            // Only a message whose idempotency key already belongs to another task gets here.
            LOG.info(() -> delivery + " dropped: its idempotency key belongs to another task");
            return Disposition.ACKNOWLEDGE;
        }
        LOG.info(() -> delivery + " skipped: the task is " + outcome.previousState());
        return Disposition.ACKNOWLEDGE;
    }

    private void recordDeadLetter(Delivery delivery, TaskError error, boolean ran, String warnings, long now) {
        TransitionOutcome outcome = store.deadLetter(delivery.taskId(), delivery.attempt(), error, ran, warnings, now);
        if (outcome.result() == TransitionOutcome.Result.MISSING) {
            store.create(newTask(delivery, broker.redelivery().maxDeliveryAttempts()), false);
            outcome = store.deadLetter(delivery.taskId(), delivery.attempt(), error, false, warnings, now);
        }
        if (!outcome.applied()) {
            TransitionOutcome refused = outcome;
            LOG.warning(() -> delivery + " could not be marked DEAD_LETTER (record is " + refused.previousState()
                    + " attempt " + refused.previousAttempt() + "); the message goes to the DLQ regardless");
        }
    }

    /** Re-sends a task whose downstream breaker refuses calls, to arrive when it may half-open; no attempt used. */
    private Disposition deferForBreaker(Delivery delivery, String breaker, Instant until) {
        long delay = Math.max(settings.minimumDeferral().toMillis(), until.toEpochMilli() - System.currentTimeMillis());
        LOG.info(() -> delivery + " deferred by " + delay + " ms, without using an attempt: circuit breaker '" + breaker
                + "' refuses calls");
        forwarder.requeue(delivery.message(), delivery.taskId(), delay, delivery.attempt() - 1);
        return Disposition.ACKNOWLEDGE;
    }

    /** Re-sends a task that arrives while the workers stop, for whoever runs after them; no attempt used. */
    private Disposition deferForShutdown(Delivery delivery) {
        LOG.info(() -> delivery + " deferred by " + SHUTDOWN_DEFERRAL_MS + " ms, without using an attempt: the"
                + " workers are shutting down");
        forwarder.requeue(delivery.message(), delivery.taskId(), SHUTDOWN_DEFERRAL_MS, delivery.attempt() - 1);
        return Disposition.ACKNOWLEDGE;
    }

    /**
     * Puts a task whose attempt a shutdown interrupted back on the queue, as if that attempt had not been made: the
     * record returns to {@code QUEUED} with the attempt marked {@code INTERRUPTED}, never {@code FAILED}.
     */
    private Disposition release(Delivery delivery) {
        store.release(
                delivery.taskId(),
                delivery.attempt(),
                delivery.attempt() - 1,
                "INTERRUPTED",
                "shutdown",
                System.currentTimeMillis());
        LOG.info(() -> delivery + " interrupted by the shutdown; back on the queue without using an attempt");
        forwarder.requeue(delivery.message(), delivery.taskId(), 0, delivery.attempt() - 1);
        return Disposition.ACKNOWLEDGE;
    }

    /**
     * Re-sends a task whose earlier deliveries never reached a worker (the container refuses deliveries to a stopping
     * application, and the broker counts them), numbered after the attempts it really made: a shutdown must not use
     * up its retry budget or let the broker dead-letter it.
     */
    private Disposition renumber(Delivery delivery, int attemptsMade) {
        store.release(
                delivery.taskId(),
                delivery.attempt(),
                attemptsMade,
                "REQUEUED",
                "deliveries refused while the application stopped",
                System.currentTimeMillis());
        LOG.info(() -> delivery + " follows " + (delivery.attempt() - attemptsMade - 1)
                + " refused deliveries; renumbered after attempt " + attemptsMade);
        forwarder.requeue(delivery.message(), delivery.taskId(), 0, attemptsMade);
        return Disposition.ACKNOWLEDGE;
    }

    /** Returns a result's token usage ({@code usage} object of a JSON object result) as JSON, or null. */
    private static String usageOf(JsonValue result) {
        if (result instanceof JsonObject object && object.get("usage") instanceof JsonObject usage) {
            return usage.toString();
        }
        return null;
    }

    private Disposition deferDuringOutage(Delivery delivery, StoreUnavailableException e) {
        long delay = settings.storeOutageDelay().toMillis();
        LOG.log(Level.WARNING, delivery + " deferred by " + delay + " ms, without using an attempt: " + e.getMessage());
        forwarder.requeue(delivery.message(), delivery.taskId(), delay, delivery.attempt() - 1);
        return Disposition.ACKNOWLEDGE;
    }

    private Delivery read(Message message) {
        int base = intProperty(message, MessageProperties.ATTEMPT_BASE, 0);
        int attempt = base + Math.max(1, intProperty(message, MessageProperties.DELIVERY_COUNT, 1));
        String fallbackId = TaskIds.fromMessageId(messageId(message));
        String body = null;
        try {
            if (!(message instanceof TextMessage text)) {
                throw new MalformedEnvelopeException("Message is a "
                        + message.getClass().getSimpleName() + ", not a TextMessage with a JSON envelope");
            }
            body = text.getText();
            int version = intProperty(message, MessageProperties.VERSION, -1);
            if (version != MessageProperties.CURRENT_VERSION) {
                throw new MalformedEnvelopeException("Message property " + MessageProperties.VERSION + " is "
                        + (version < 0 ? "missing or not an integer" : version) + "; expected "
                        + MessageProperties.CURRENT_VERSION);
            }
            TaskEnvelope envelope = EnvelopeCodec.decode(
                    body,
                    fallbackId,
                    timestamp(message),
                    limits.defaultTimeout().toMillis());
            return new Delivery(message, envelope.id(), attempt, envelope, null);
        } catch (MalformedEnvelopeException e) {
            String id = body == null ? null : EnvelopeCodec.idIn(body);
            return new Delivery(message, id == null ? fallbackId : id, attempt, null, e);
        } catch (JMSException e) {
            return new Delivery(
                    message,
                    fallbackId,
                    attempt,
                    null,
                    new MalformedEnvelopeException("Message body cannot be read: " + e.getMessage(), e));
        }
    }

    private NewTask newTask(Delivery delivery, int maxAttempts) {
        TaskEnvelope e = delivery.envelope();
        if (e == null) {
            return new NewTask(
                    delivery.taskId(),
                    delivery.contract(),
                    null,
                    "{}",
                    4,
                    null,
                    null,
                    limits.defaultTimeout().toMillis(),
                    timestamp(delivery.message()),
                    maxAttempts);
        }
        return new NewTask(
                e.id(),
                e.contract(),
                e.agent(),
                e.payload().toString(),
                e.priority(),
                e.correlationId(),
                e.idempotencyKey(),
                e.timeoutMs(),
                e.createdAt(),
                maxAttempts);
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static int intProperty(Message message, String name, int fallback) {
        try {
            return message.propertyExists(name) ? message.getIntProperty(name) : fallback;
        } catch (JMSException | NumberFormatException e) {
            return fallback;
        }
    }

    private static String messageId(Message message) {
        try {
            String id = message.getJMSMessageID();
            return id == null ? Long.toString(System.nanoTime()) : id;
        } catch (JMSException e) {
            return Long.toString(System.nanoTime());
        }
    }

    private static long timestamp(Message message) {
        try {
            long ts = message.getJMSTimestamp();
            return ts > 0 ? ts : System.currentTimeMillis();
        } catch (JMSException e) {
            return System.currentTimeMillis();
        }
    }
}
