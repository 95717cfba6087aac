package dev.agentqueue.worker;

import static dev.agentqueue.task.RecordedTaskBuilder.aRecordedTask;
import static dev.agentqueue.worker.DeliveryBuilder.aDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.contract.TerminalTaskException;
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
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every route a delivery can take, decided without a server. */
class OutcomePolicyTest {

    /** Backoff 1 s, doubling, at most 60 s; 5 deliveries. */
    private static final RedeliverySettings POLICY = new RedeliverySettings(1_000, 2.0, 60_000, 5);

    private static final TaskError RECORDED_ERROR =
            TaskError.of(ErrorClassification.TERMINAL, "AuthFailed", "the provider refused the key");

    @Test
    void aTerminalFailureIsDeadLetteredAtOnce() {
        Delivery delivery = aDelivery().atAttempt(1).build();

        Outcome outcome = failed(delivery, new TerminalTaskException("bad input"), ErrorClassification.TERMINAL);

        assertThat(outcome)
                .isEqualTo(new Terminal(
                        TaskError.of(ErrorClassification.TERMINAL, TerminalTaskException.class.getName(), "bad input"),
                        1,
                        true,
                        "[\"w\"]",
                        false));
    }

    @Test
    void aPoisonMessageIsTerminalWithoutHavingRun() {
        Delivery delivery = aDelivery().poison("Message body is empty").build();

        Outcome outcome = OutcomePolicy.failed(
                delivery, delivery.malformed(), ErrorClassification.TERMINAL, POLICY, false, OutcomePolicy.NO_WARNINGS);

        assertThat(outcome).isInstanceOfSatisfying(Terminal.class, terminal -> {
            assertThat(terminal.ran()).isFalse();
            assertThat(terminal.error().message()).isEqualTo("Message body is empty");
        });
    }

    @Test
    void aRetryableFailureOnTheLastAttemptIsExhausted() {
        Outcome outcome = failed(aDelivery().atAttempt(5).build(), new IOException("reset"), retryable());

        assertThat(outcome).isInstanceOfSatisfying(Exhausted.class, exhausted -> {
            assertThat(exhausted.attempt()).isEqualTo(5);
            assertThat(exhausted.recorded()).isFalse();
            assertThat(exhausted.error().type()).isEqualTo(IOException.class.getName());
        });
    }

    @Test
    void aRetryableFailureWaitsForTheBrokersBackoff() {
        Outcome outcome = failed(aDelivery().atAttempt(2).build(), new IOException("reset"), retryable());

        assertThat(outcome).isInstanceOfSatisfying(RetryLater.class, retry -> {
            assertThat(retry.waitMs()).isEqualTo(2_000);
            assertThat(retry.resend()).isFalse();
        });
    }

    @Test
    void aDownstreamAskingForALongerWaitThanTheBackoffGetsAReSentCopy() {
        RetryableTaskException busy = new RetryableTaskException("rate limited", null, Duration.ofSeconds(30));

        Outcome outcome = failed(aDelivery().atAttempt(2).build(), busy, retryable());

        assertThat(outcome).isInstanceOfSatisfying(RetryLater.class, retry -> {
            assertThat(retry.waitMs()).isEqualTo(30_000);
            assertThat(retry.resend()).isTrue();
        });
    }

    @Test
    void aDownstreamAskingForAShorterWaitLeavesTheRetryToTheBroker() {
        RetryableTaskException busy = new RetryableTaskException("rate limited", null, Duration.ofMillis(500));

        Outcome outcome = failed(aDelivery().atAttempt(1).build(), busy, retryable());

        assertThat(outcome)
                .isEqualTo(new RetryLater(
                        TaskError.of(
                                ErrorClassification.RETRYABLE, RetryableTaskException.class.getName(), "rate limited"),
                        1_000,
                        false,
                        "[\"w\"]"));
    }

    @Test
    void aTaskOfAContractNotDeployedIsRefused() {
        assertThat(OutcomePolicy.refusal(aDelivery().ofContract("nope.v1").build(), null, List.of("a.v1"), null))
                .contains("Unknown contract 'nope.v1'; deployed contracts: [a.v1]");
    }

    @Test
    void aTaskNamingAnAgentNotConfiguredIsRefused() {
        assertThat(OutcomePolicy.refusal(aDelivery().withAgent("ghost").build(), contract(false), List.of(), null))
                .contains("Unknown agent 'ghost'");
    }

    @Test
    void aTaskWithoutTheAgentItsContractNeedsIsRefused() {
        assertThat(OutcomePolicy.refusal(aDelivery().build(), contract(true), List.of(), null))
                .contains("Contract test.v1 requires an agent and the task names none");
    }

    @Test
    void aTaskWithItsContractAndAgentIsNotRefused() {
        AgentDefinition analyzer = new AgentDefinition("analyzer", null, null, "m", null, null, null, null);

        assertThat(OutcomePolicy.refusal(
                        aDelivery().withAgent("analyzer").build(), contract(true), List.of(), analyzer))
                .isEmpty();
    }

    @Test
    void aDeliveryWithinTheLimitIsNotExhausted() {
        assertThat(OutcomePolicy.exhausted(aDelivery().atAttempt(5).build(), 5, null))
                .isEmpty();
    }

    @Test
    void aDeliveryOverTheLimitWithoutARecordIsExhaustedAtItsOwnAttempt() {
        Optional<Outcome> outcome =
                OutcomePolicy.exhausted(aDelivery().atAttempt(6).build(), 5, null);

        assertThat(outcome)
                .contains(new Exhausted(DeliveryExhaustion.redelivered(5), 6, false, OutcomePolicy.NO_WARNINGS, false));
    }

    @Test
    void deliveriesThatNeverStartedAnAttemptDoNotCountAgainstTheLimit() {
        TaskSnapshot recorded =
                aRecordedTask().inState(TaskState.FAILED).atAttempt(3).build();

        assertThat(OutcomePolicy.exhausted(aDelivery().atAttempt(7).build(), 5, recorded))
                .isEmpty();
    }

    @Test
    void aTaskWhoseAttemptsAllStartedIsExhaustedAtItsRecordedAttemptClosingTheOneStillRunning() {
        TaskSnapshot recorded =
                aRecordedTask().inState(TaskState.RUNNING).atAttempt(5).build();

        Optional<Outcome> outcome =
                OutcomePolicy.exhausted(aDelivery().atAttempt(7).build(), 5, recorded);

        assertThat(outcome).contains(new Exhausted(DeliveryExhaustion.redelivered(5), 5, true, "[]", false));
    }

    @Test
    void anExhaustedTaskAlreadyDeadLetteredKeepsItsRecordedError() {
        TaskSnapshot recorded = aRecordedTask()
                .inState(TaskState.DEAD_LETTER)
                .atAttempt(5)
                .withError(RECORDED_ERROR)
                .build();

        Optional<Outcome> outcome =
                OutcomePolicy.exhausted(aDelivery().atAttempt(6).build(), 5, recorded);

        assertThat(outcome).contains(new Exhausted(RECORDED_ERROR, 5, false, "[]", true));
    }

    @Test
    void anExhaustedDeliveryOfASettledTaskIsSkipped() {
        TaskSnapshot recorded =
                aRecordedTask().inState(TaskState.COMPLETED).atAttempt(5).build();

        assertThat(OutcomePolicy.exhausted(aDelivery().atAttempt(6).build(), 5, recorded))
                .contains(new Skipped("the task is COMPLETED"));
    }

    @Test
    void anAttemptThatStartedRuns() {
        TransitionOutcome started = new TransitionOutcome(TransitionOutcome.Result.OK, TaskState.QUEUED, 1);

        assertThat(OutcomePolicy.notStarted(aDelivery().atAttempt(2).build(), started, Optional::empty))
                .isEmpty();
    }

    @Test
    void anAttemptAfterDeliveriesRefusedDuringAStopIsRenumberedAfterTheAttemptsMade() {
        TransitionOutcome started = new TransitionOutcome(TransitionOutcome.Result.OK, TaskState.QUEUED, 1);

        assertThat(OutcomePolicy.notStarted(aDelivery().atAttempt(4).build(), started, Optional::empty))
                .contains(new Interrupted(1, "REQUEUED", "deliveries refused while the application stopped"));
    }

    @Test
    void aDeliveryBehindTheRecordedAttemptIsReSentAfterIt() {
        TransitionOutcome stale = new TransitionOutcome(TransitionOutcome.Result.STALE, TaskState.FAILED, 3);

        assertThat(OutcomePolicy.notStarted(aDelivery().atAttempt(2).build(), stale, Optional::empty))
                .hasValueSatisfying(outcome -> assertThat(outcome).isInstanceOfSatisfying(Deferred.class, deferred -> {
                    assertThat(deferred.delayMs()).isZero();
                    assertThat(deferred.attemptBase()).isEqualTo(3);
                }));
    }

    @Test
    void aTaskRecordedAsDeadLetteredButStillQueuedFinishesItsMoveWithoutANewRecord() {
        TransitionOutcome refused = new TransitionOutcome(TransitionOutcome.Result.STATE, TaskState.DEAD_LETTER, 2);
        TaskSnapshot recorded = aRecordedTask()
                .inState(TaskState.DEAD_LETTER)
                .atAttempt(2)
                .withError(RECORDED_ERROR)
                .build();

        assertThat(OutcomePolicy.notStarted(aDelivery().atAttempt(3).build(), refused, () -> Optional.of(recorded)))
                .contains(new Terminal(RECORDED_ERROR, 2, false, OutcomePolicy.NO_WARNINGS, true));
    }

    @Test
    void aDeliveryOfACancelledTaskIsSkipped() {
        TransitionOutcome refused = new TransitionOutcome(TransitionOutcome.Result.STATE, TaskState.CANCELLED, 0);

        assertThat(OutcomePolicy.notStarted(aDelivery().build(), refused, Optional::empty))
                .contains(new Skipped("the task is CANCELLED"));
    }

    @Test
    void aDeliveryWhoseIdempotencyKeyBelongsToAnotherTaskIsSkipped() {
        TransitionOutcome missing = new TransitionOutcome(TransitionOutcome.Result.MISSING, null, 0);

        assertThat(OutcomePolicy.notStarted(aDelivery().build(), missing, Optional::empty))
                .contains(new Skipped("its idempotency key belongs to another task"));
    }

    @Test
    void aTaskWhoseBreakerRefusesCallsComesBackWhenItMayHalfOpenWithoutUsingAnAttempt() {
        Deferred deferred =
                OutcomePolicy.deferredForBreaker(aDelivery().atAttempt(3).build(), "p", 20_000, 5_000, 1_000);

        assertThat(deferred.delayMs()).isEqualTo(15_000);
        assertThat(deferred.attemptBase()).isEqualTo(2);
    }

    @Test
    void aBreakerDeferralWaitsAtLeastTheMinimum() {
        assertThat(OutcomePolicy.deferredForBreaker(aDelivery().build(), "p", 5_100, 5_000, 1_000)
                        .delayMs())
                .isEqualTo(1_000);
    }

    @Test
    void aTaskOverALimitComesBackWhenThereIsRoomWithoutUsingAnAttemptAndSaysWhichLimit() {
        Admission refusal = new Admission(false, 7, 5_400, "agent:scribe", "tokens");

        Deferred deferred =
                OutcomePolicy.deferredForLimit(aDelivery().atAttempt(2).build(), refusal, 5_000, 250);

        assertThat(deferred).isEqualTo(new Deferred(400, 1, "limit on tokens of agent:scribe reached"));
    }

    @Test
    void aTaskArrivingWhileTheWorkersStopIsDeferredWithoutUsingAnAttempt() {
        assertThat(OutcomePolicy.deferredForShutdown(aDelivery().atAttempt(2).build()))
                .isEqualTo(new Deferred(OutcomePolicy.SHUTDOWN_DEFERRAL_MS, 1, "the workers are shutting down"));
    }

    @Test
    void anAttemptInterruptedByTheShutdownGoesBackAsIfNotMade() {
        assertThat(OutcomePolicy.interrupted(aDelivery().atAttempt(3).build()))
                .isEqualTo(new Interrupted(2, "INTERRUPTED", "shutdown"));
    }

    private static Outcome failed(Delivery delivery, Throwable failure, ErrorClassification classification) {
        return OutcomePolicy.failed(delivery, failure, classification, POLICY, true, "[\"w\"]");
    }

    private static ErrorClassification retryable() {
        return ErrorClassification.RETRYABLE;
    }

    private static ExecutionContract contract(boolean requiresAgent) {
        return new ExecutionContract() {
            @Override
            public String id() {
                return "test.v1";
            }

            @Override
            public boolean requiresAgent() {
                return requiresAgent;
            }

            @Override
            public JsonValue execute(TaskContext context) {
                return JsonValue.NULL;
            }
        };
    }
}
