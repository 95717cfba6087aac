package dev.agentqueue.worker;

import static dev.agentqueue.worker.DeliveryBuilder.aDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.dlq.DeadLetterTally;
import dev.agentqueue.dlq.triage.AlertCheck;
import dev.agentqueue.flow.FlowSteps;
import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.messaging.MessageForwarder;
import dev.agentqueue.metrics.TaskMetrics;
import dev.agentqueue.task.CreateOutcome;
import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskLimits;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import dev.agentqueue.worker.Outcome.Completed;
import dev.agentqueue.worker.Outcome.Deferred;
import dev.agentqueue.worker.Outcome.Exhausted;
import dev.agentqueue.worker.Outcome.Interrupted;
import dev.agentqueue.worker.Outcome.RetryLater;
import dev.agentqueue.worker.Outcome.Skipped;
import dev.agentqueue.worker.Outcome.Terminal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Message;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How each outcome is carried out: what is written to the record and where the message goes, in which order. */
class OutcomeRouteTest {

    private static final TaskError ERROR = TaskError.of(ErrorClassification.TERMINAL, "Bad", "bad input");

    private final List<String> effects = new ArrayList<>();
    private final List<String> alertChecks = new ArrayList<>();
    private final RecordingStore store = new RecordingStore();
    private final OutcomeRoute route = new OutcomeRoute();
    private final Delivery delivery = aDelivery().atAttempt(2).build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    OutcomeRouteTest() {
        route.telemetry = new OutcomeTelemetry();
        route.telemetry.metrics = TaskMetrics.on(meters, contract -> true, agent -> true);
        route.store = store;
        route.flows = new FlowSteps();
        route.forwarder = new RecordingForwarder();
        route.alerts = new AlertCheck() {
            @Override
            public void deadLettered(DeadLetterLabel label) {
                alertChecks.add(label.error().fingerprint());
            }
        };
        route.tally = new DeadLetterTally() {
            @Override
            public void added(DeadLetterLabel label, long deadLetteredAt) {
                effects.add("count dead letter " + label.error().type());
            }
        };
        route.broker = new BrokerManagement() {
            @Override
            public String taskAddress() {
                return "tasks";
            }

            @Override
            public RedeliverySettings redelivery() {
                return RedeliverySettings.DEFAULTS;
            }
        };
        route.limits = new TaskLimits() {
            @Override
            public Duration defaultTimeout() {
                return Duration.ofMinutes(1);
            }
        };
        route.settings = new WorkerSettings() {
            @Override
            public String node() {
                return "node-a";
            }
        };
    }

    @Test
    void aCompletedAttemptRecordsItsResultWithTheTokenUsageItReported() {
        Disposition disposition = route.carryOut(
                delivery,
                new Completed(
                        Json.createObjectBuilder()
                                .add("usage", Json.createObjectBuilder().add("in", 3))
                                .build(),
                        "[]"));

        assertThat(disposition).isEqualTo(Disposition.ACKNOWLEDGE);
        assertThat(effects).containsExactly("complete attempt 2 usage {\"in\":3}");
    }

    @Test
    void eachOutcomeIsCountedOnceUnderItsContractAndAgent() {
        route.carryOut(delivery, new Completed(Json.createObjectBuilder().build(), "[]"));
        route.carryOut(delivery, new RetryLater(ERROR, 2_000, false, "[]"));
        route.carryOut(delivery, new Terminal(ERROR, 2, true, "[]", false));
        route.carryOut(delivery, new Deferred(1_000, 1, "the breaker is open"));
        route.carryOut(delivery, new Skipped("already settled"));

        for (String counter : List.of(
                "agentqueue.tasks.completed",
                "agentqueue.tasks.failed",
                "agentqueue.tasks.dead.lettered",
                "agentqueue.tasks.deferred")) {
            assertThat(meters.get(counter)
                            .tag("contract", "agentqueue.job.v1")
                            .tag("agent", "none")
                            .counter()
                            .count())
                    .as(counter)
                    .isEqualTo(1.0);
        }
        assertThat(meters.get("agentqueue.tasks.dead.lettered")
                        .tag("reason", "terminal")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("agentqueue.task.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void aResultWhoseRecordVanishedDuringTheAttemptIsRecordedOnARecordRecreatedFromTheEnvelope() {
        store.firstComplete = new TransitionOutcome(TransitionOutcome.Result.MISSING, null, 0);

        Disposition disposition = route.carryOut(
                delivery, new Completed(Json.createObjectBuilder().build(), "[]"));

        assertThat(disposition).isEqualTo(Disposition.ACKNOWLEDGE);
        assertThat(effects)
                .containsExactly(
                        "complete attempt 2 usage null",
                        "create " + delivery.taskId(),
                        "start attempt 2 on node-a",
                        "complete attempt 2 usage null");
    }

    @Test
    void aFlowStepsRecordRecreatedFromItsEnvelopeKeepsItsFlowAndStep() {
        store.firstComplete = new TransitionOutcome(TransitionOutcome.Result.MISSING, null, 0);
        route.flows = new FlowSteps() {
            @Override
            public void completed(Delivery delivery) {
                effects.add("release the steps after " + delivery.flowStep());
            }
        };
        Delivery step =
                aDelivery().atAttempt(2).ofFlowStep("flow-1", "summarise").build();

        route.carryOut(step, new Completed(Json.createObjectBuilder().build(), "[]"));

        assertThat(effects)
                .containsExactly(
                        "complete attempt 2 usage null",
                        "create " + step.taskId() + " with {flowId=flow-1, flowStep=summarise}",
                        "start attempt 2 on node-a",
                        "complete attempt 2 usage null",
                        "release the steps after summarise");
    }

    @Test
    void aRetryLeftToTheBrokerRecordsTheFailureAndHandsTheMessageBack() {
        Disposition disposition = route.carryOut(delivery, new RetryLater(ERROR, 2_000, false, "[]"));

        assertThat(disposition).isEqualTo(Disposition.REDELIVER);
        assertThat(effects).containsExactly("fail attempt 2, next in 2000 ms");
    }

    @Test
    void aRetryAfterALongerWaitRecordsTheFailureAndReSendsACopyForThen() {
        Disposition disposition = route.carryOut(delivery, new RetryLater(ERROR, 30_000, true, "[]"));

        assertThat(disposition).isEqualTo(Disposition.ACKNOWLEDGE);
        assertThat(effects).containsExactly("fail attempt 2, next in 30000 ms", "re-send in 30000 ms after attempt 2");
    }

    @Test
    void aTerminalOutcomeRecordsTheDeadLetterBeforeTheMessageMoves() {
        Disposition disposition = route.carryOut(delivery, new Terminal(ERROR, 2, true, "[]", false));

        assertThat(disposition).isEqualTo(Disposition.ACKNOWLEDGE);
        assertThat(effects)
                .containsExactly(
                        "record DEAD_LETTER attempt 2 ran",
                        "count dead letter Bad",
                        "dead letter attempt 2: Bad from tasks");
        assertThat(alertChecks).containsExactly(ERROR.fingerprint());
    }

    @Test
    void anExhaustedTaskAlreadyRecordedAsDeadLetteredOnlyMovesItsMessage() {
        route.carryOut(delivery, new Exhausted(ERROR, 5, false, "[]", true));

        assertThat(effects).containsExactly("count dead letter Bad", "dead letter attempt 5: Bad from tasks");
    }

    @Test
    void aDeadLetterOfATaskTheStoreDoesNotKnowCreatesItsRecordFirst() {
        store.firstDeadLetter = new TransitionOutcome(TransitionOutcome.Result.MISSING, null, 0);

        route.carryOut(delivery, new Terminal(ERROR, 2, false, "[]", false));

        assertThat(effects)
                .containsExactly(
                        "record DEAD_LETTER attempt 2",
                        "create " + delivery.taskId(),
                        "record DEAD_LETTER attempt 2",
                        "count dead letter Bad",
                        "dead letter attempt 2: Bad from tasks");
    }

    @Test
    void aDeferredTaskIsNotedOnItsRecordAndReSent() {
        Disposition disposition = route.carryOut(delivery, new Deferred(1_000, 1, "the workers are shutting down"));

        assertThat(disposition).isEqualTo(Disposition.ACKNOWLEDGE);
        assertThat(effects)
                .containsExactly("note deferral: the workers are shutting down", "re-send in 1000 ms after attempt 1");
    }

    @Test
    void anInterruptedAttemptIsReleasedThenReSentAtOnce() {
        route.carryOut(delivery, new Interrupted(1, "INTERRUPTED", "shutdown"));

        assertThat(effects)
                .containsExactly("release attempt 2 after 1 as INTERRUPTED", "re-send in 0 ms after attempt 1");
    }

    @Test
    void aSkippedDeliveryIsAcknowledgedAndChangesNothing() {
        Disposition disposition = route.carryOut(delivery, new Skipped("the task is CANCELLED"));

        assertThat(disposition).isEqualTo(Disposition.ACKNOWLEDGE);
        assertThat(effects).isEmpty();
    }

    /** A task store that writes nothing and notes each write. */
    private final class RecordingStore extends TaskStore {
        private static final TransitionOutcome APPLIED =
                new TransitionOutcome(TransitionOutcome.Result.OK, TaskState.RUNNING, 2);
        TransitionOutcome firstDeadLetter = APPLIED;
        TransitionOutcome firstComplete = APPLIED;

        @Override
        public List<CreateOutcome> createAll(
                List<NewTask> tasks, boolean provisional, Function<NewTask, Map<String, String>> moreFields) {
            return tasks.stream()
                    .map(task -> {
                        Map<String, String> fields = new TreeMap<>(moreFields.apply(task));
                        effects.add("create " + task.id() + (fields.isEmpty() ? "" : " with " + fields));
                        return new CreateOutcome(task.id(), false);
                    })
                    .toList();
        }

        @Override
        public TransitionOutcome complete(
                String id, int attempt, String resultJson, String warningsJson, String usageJson, long now) {
            effects.add("complete attempt " + attempt + " usage " + usageJson);
            TransitionOutcome outcome = firstComplete;
            firstComplete = APPLIED;
            return outcome;
        }

        @Override
        public boolean defer(String id, long untilMs, String reason) {
            effects.add("note deferral: " + reason);
            return true;
        }

        @Override
        public TransitionOutcome start(String id, int attempt, int maxAttempts, String node, long now) {
            effects.add("start attempt " + attempt + " on " + node);
            return APPLIED;
        }

        @Override
        public TransitionOutcome fail(
                String id, int attempt, TaskError error, long nextAttemptAt, String warningsJson, long now) {
            effects.add("fail attempt " + attempt + ", next in " + (nextAttemptAt - now) + " ms");
            return APPLIED;
        }

        @Override
        public TransitionOutcome deadLetter(
                String id, int attempt, TaskError error, boolean ran, String warningsJson, long now) {
            effects.add("record DEAD_LETTER attempt " + attempt + (ran ? " ran" : ""));
            TransitionOutcome outcome = firstDeadLetter;
            firstDeadLetter = APPLIED;
            return outcome;
        }

        @Override
        public TransitionOutcome release(
                String id, int attempt, int attemptsUsed, String outcome, String reason, long now) {
            effects.add("release attempt " + attempt + " after " + attemptsUsed + " as " + outcome);
            return APPLIED;
        }
    }

    /** A forwarder that sends nothing and notes each send. */
    private final class RecordingForwarder extends MessageForwarder {
        @Override
        public void deadLetter(Message message, DeadLetterLabel label) {
            effects.add("dead letter attempt " + label.attempt() + ": "
                    + label.error().type() + " from " + label.originAddress());
        }

        @Override
        public void requeue(Message message, String taskId, long delayMs, int attemptBase) {
            effects.add("re-send in " + delayMs + " ms after attempt " + attemptBase);
        }
    }
}
