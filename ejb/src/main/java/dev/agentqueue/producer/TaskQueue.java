package dev.agentqueue.producer;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.messaging.DirectSender;
import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.JmsNames;
import dev.agentqueue.metrics.TaskMetrics;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.CreateOutcome;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.ProvisionalRecords;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.trace.TaskSpans;
import dev.agentqueue.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Remote;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The producer: enqueues tasks for other applications (by its portable JNDI name, or remotely) and for the REST
 * API. Inside a caller's JTA transaction the task record in Redis and the message on the queue commit or roll back
 * with it; without one, the message is sent on its own and the record follows the send's outcome, so a failed
 * enqueue leaves neither behind either way (README, "Enqueue in the caller's transaction, or in none"). Only
 * producers and admins may call the remote view ({@code META-INF/ejb-jar.xml}); the no-interface view is for callers
 * inside the server, which have checked their caller's role already.
 */
@Stateless
@LocalBean
@Remote(TaskQueueRemote.class)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TaskQueue implements TaskQueueRemote {

    @Inject
    RequestValidator validator;

    @Inject
    TaskMetrics metrics;

    @Inject
    TaskStore store;

    @Inject
    ProvisionalRecords provisional;

    @Inject
    TaskLimits limits;

    @Inject
    BrokerManagement broker;

    @Inject
    EnqueueChecks checks;

    /**
     * The server's default JMS connection factory (in WildFly the pooled, XA-capable {@code java:/JmsXA}). A context
     * made from it inside a caller's transaction sends as part of that transaction; outside one it sends at once,
     * and a persistent send returns only when the broker has it in its journal. Asked directly rather than through
     * an injected {@code JMSContext}, whose every method call looks up the transaction-scoped context anew.
     */
    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connections;

    /**
     * A plain, non-XA connection factory of the same broker (WildFly: {@code java:/ConnectionFactory}), for the sends
     * made outside any transaction; {@link DirectSender} keeps its sessions and producers open between sends.
     */
    @Resource(name = JmsNames.DIRECT_CONNECTION_FACTORY_REF)
    ConnectionFactory directConnections;

    @Inject
    DirectSender directSender;

    @Resource(name = JmsNames.TASK_QUEUE_REF)
    Queue taskQueue;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    public TaskReceipt enqueue(TaskRequest request) {
        return submit(request).receipt();
    }

    /**
     * Enqueues a task like {@link #enqueue} and also returns its record: as written for a new task, as stored for
     * the first task of a repeated idempotency key. Spares local callers such as the REST API a read back.
     */
    public Enqueued submit(TaskRequest request) {
        Span span = Tracing.span(TaskSpans.ENQUEUE, SpanKind.PRODUCER)
                .setAttribute(TaskSpans.CONTRACT, request.contract())
                .startSpan();
        return Tracing.within(span, () -> {
            Enqueued enqueued = accept(request);
            span.setAttribute(TaskSpans.TASK_ID, enqueued.receipt().id());
            if (!enqueued.receipt().duplicate()) {
                metrics.enqueued(request.contract(), request.agent().orElse(null));
            }
            return enqueued;
        });
    }

    private Enqueued accept(TaskRequest request) {
        JsonObject payload = validator.validate(request);
        checks.refuseUnlessAdmitted(List.of(request));
        NewTask task = newTask(
                request,
                payload,
                System.currentTimeMillis(),
                broker.redelivery().maxDeliveryAttempts());
        CreateOutcome created = store.create(task, true);
        if (created.duplicate()) {
            Optional<TaskSnapshot> first = store.find(created.taskId());
            TaskState state = first.map(TaskSnapshot::state).orElse(TaskState.QUEUED);
            return new Enqueued(new TaskReceipt(created.taskId(), state, true), first);
        }
        sendAndSettle(List.of(task), List.of(payload), List.of(request.delay()));
        return new Enqueued(new TaskReceipt(task.id(), TaskState.QUEUED, false), Optional.of(TaskSnapshot.of(task)));
    }

    @Override
    public List<TaskReceipt> submitAll(List<TaskRequest> requests) {
        Span span = Tracing.span(TaskSpans.ENQUEUE_BATCH, SpanKind.PRODUCER)
                .setAttribute(TaskSpans.BATCH_SIZE, requests == null ? 0 : requests.size())
                .startSpan();
        return Tracing.within(span, () -> acceptAll(requests));
    }

    /**
     * Enqueues a batch all or nothing: every request is checked before anything is written, the records are written
     * in one Redis call, and the new tasks' messages are sent in one JMS transaction.
     */
    private List<TaskReceipt> acceptAll(List<TaskRequest> requests) {
        List<JsonObject> payloads = validator.validateAll(requests);
        checks.refuseUnlessAdmitted(requests);
        long now = System.currentTimeMillis();
        int maxAttempts = broker.redelivery().maxDeliveryAttempts();
        List<NewTask> tasks = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            tasks.add(newTask(requests.get(i), payloads.get(i), now, maxAttempts));
        }
        List<CreateOutcome> created = store.createAll(tasks, true);
        List<NewTask> fresh = new ArrayList<>();
        List<JsonObject> freshPayloads = new ArrayList<>();
        List<Duration> freshDelays = new ArrayList<>();
        List<TaskReceipt> receipts = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            CreateOutcome outcome = created.get(i);
            TaskState state = outcome.state() == null ? TaskState.QUEUED : outcome.state();
            receipts.add(new TaskReceipt(outcome.taskId(), state, outcome.duplicate()));
            if (!outcome.duplicate()) {
                fresh.add(tasks.get(i));
                freshPayloads.add(payloads.get(i));
                freshDelays.add(requests.get(i).delay());
            }
        }
        if (!fresh.isEmpty()) {
            sendAndSettle(fresh, freshPayloads, freshDelays);
            fresh.forEach(task -> metrics.enqueued(task.contract(), task.agent()));
        }
        return receipts;
    }

    private NewTask newTask(TaskRequest request, JsonObject payload, long now, int maxAttempts) {
        long delayMs = request.delay().toMillis();
        return new NewTask(
                TaskIds.next(),
                request.contract(),
                request.agent().orElse(null),
                payload.toString(),
                request.priority(),
                request.correlationId().orElse(null),
                request.idempotencyKey().orElse(null),
                request.timeout().orElse(limits.defaultTimeout()).toMillis(),
                now,
                maxAttempts,
                delayMs > 0 ? now + delayMs : 0,
                request.concurrencyKey().orElse(null),
                request.callbackUrl().orElse(null));
    }

    /**
     * Sends the tasks' messages and settles their provisional records by the outcome: at the caller's commit or
     * rollback when there is a caller transaction, else as soon as the send returns or fails. Without a caller there
     * is nothing to be atomic with, so no JTA transaction is started: around one send it would add its begin, XA start
     * and end and commit, three more blocking calls to the broker, and guard nothing more. Such a send goes through
     * {@link DirectSender}, whose session and producer outlive it; a batch of several goes through one local
     * transacted session instead, so that its messages become durable together, with one journal sync.
     */
    private void sendAndSettle(List<NewTask> tasks, List<JsonObject> payloads, List<Duration> delays) {
        List<String> bodies = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            bodies.add(EnvelopeCodec.encode(TaskSends.envelopeOf(tasks.get(i), payloads.get(i))));
        }
        Consumer<JMSContext> sendAll = jms -> {
            for (int i = 0; i < tasks.size(); i++) {
                NewTask task = tasks.get(i);
                TaskSends.send(
                        jms,
                        taskQueue,
                        task,
                        bodies.get(i),
                        delays.get(i),
                        new TaskSends.Label("enqueue:" + task.id(), 0, Map.of()));
            }
        };
        EnqueueCompletion completion = new EnqueueCompletion(provisional, tasks);
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(completion);
            try (JMSContext jms = connections.createContext()) {
                sendAll.accept(jms);
            }
            return;
        }
        boolean sent = false;
        try {
            if (tasks.size() == 1) {
                directSender.send(directConnections, sendAll);
            } else {
                directSender.sendTransacted(directConnections, sendAll);
            }
            sent = true;
        } finally {
            completion.afterCompletion(sent ? Status.STATUS_COMMITTED : Status.STATUS_ROLLEDBACK);
        }
    }

    /**
     * Sends the message of a task that is already recorded again, outside any transaction and without touching its
     * record: the same id, payload and priority, delivered after {@code delay}, continuing after {@code attemptBase}
     * attempts, with the string properties {@code labels} (a flow step's flow and step). {@code duplicateId} lets the
     * broker drop a second copy of the same re-send.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void resend(NewTask task, Duration delay, int attemptBase, String duplicateId, Map<String, String> labels) {
        JsonObject payload;
        try (var reader = Jsons.reader(task.payloadJson())) {
            payload = reader.readObject();
        }
        String body = EnvelopeCodec.encode(TaskSends.envelopeOf(task, payload));
        TaskSends.Label label = new TaskSends.Label(duplicateId, attemptBase, labels);
        directSender.send(directConnections, jms -> TaskSends.send(jms, taskQueue, task, body, delay, label));
    }

    /**
     * Sends the messages of tasks whose records are written already, together in one local JMS transaction outside
     * any caller's, each with the string properties {@code properties} gives it and the enqueue's duplicate-detection
     * id: sending the same tasks again (after a crash cut a first send short, say) cannot put a second message of
     * one on the queue while the broker remembers the first. Used for the steps of flows.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendRecorded(List<NewTask> tasks, Function<NewTask, Map<String, String>> properties) {
        List<String> bodies = new ArrayList<>(tasks.size());
        for (NewTask task : tasks) {
            try (var reader = Jsons.reader(task.payloadJson())) {
                bodies.add(EnvelopeCodec.encode(TaskSends.envelopeOf(task, reader.readObject())));
            }
        }
        directSender.sendTransacted(directConnections, jms -> {
            for (int i = 0; i < tasks.size(); i++) {
                NewTask task = tasks.get(i);
                TaskSends.send(
                        jms,
                        taskQueue,
                        task,
                        bodies.get(i),
                        Duration.ZERO,
                        new TaskSends.Label("enqueue:" + task.id(), 0, properties.apply(task)));
            }
        });
        tasks.forEach(task -> metrics.enqueued(task.contract(), task.agent()));
    }
}
