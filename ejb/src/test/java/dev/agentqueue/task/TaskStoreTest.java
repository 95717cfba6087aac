package dev.agentqueue.task;

import static dev.agentqueue.task.NewTaskBuilder.aNewTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.testing.RedisServerExtension;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The task store's Lua scripts, run against a real redis-server. */
class TaskStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final TaskError TIMEOUT =
            TaskError.of(ErrorClassification.RETRYABLE, "java.io.IOException", "connection reset");
    private static final TaskError BAD_INPUT =
            TaskError.of(ErrorClassification.TERMINAL, "java.lang.IllegalArgumentException", "no such thing");
    private static final TaskError DELIVERIES_EXHAUSTED =
            TaskError.of(ErrorClassification.TERMINAL, "DeliveryAttemptsExhausted", "after 5 delivery attempts");

    private RedisGateway gateway;
    private TaskStore store;
    private ProvisionalRecords provisional;

    @BeforeEach
    void setUp() {
        gateway = RedisGateway.of(REDIS.client());
        store = TaskStores.on(gateway);
        provisional = TaskStores.provisionalOn(store);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void aCreatedTaskIsQueuedIndexedAndProvisional() {
        NewTask task = aNewTask().withAgent("analyzer").build();

        CreateOutcome outcome = store.create(task, true);

        assertThat(outcome).isEqualTo(new CreateOutcome(task.id(), false));
        TaskSnapshot stored = store.find(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.QUEUED);
        assertThat(stored.attempt()).isZero();
        assertThat(stored.agent()).isEqualTo("analyzer");
        assertThat(score(RedisKeys.stateIndex(TaskState.QUEUED.name()), task.id()))
                .isNotNull();
        assertThat(score(RedisKeys.agentIndex("analyzer"), task.id())).isNotNull();
        assertThat(ttl(RedisKeys.task(task.id()))).isBetween(1L, 900L);
    }

    @Test
    void confirmingMakesTheRecordPermanentAndKeepsTheIdempotencyKeyForItsWindow() throws Exception {
        NewTask task = aNewTask().withIdempotencyKey("order-42").build();
        store.create(task, true);

        provisional.confirm(task);

        awaitTrue(() -> ttl(RedisKeys.task(task.id())) == -1L);
        assertThat(ttl(RedisKeys.idempotency("order-42"))).isGreaterThan(23 * 3600L);
    }

    @Test
    void theSnapshotOfANewTaskIsTheRecordAsWritten() {
        NewTask task = aNewTask()
                .withAgent("analyzer")
                .withIdempotencyKey("order-5")
                .withPriority(8)
                .build();

        store.create(task, true);

        assertThat(TaskSnapshot.of(task)).isEqualTo(store.find(task.id()).orElseThrow());
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstTask() {
        NewTask first = aNewTask().withIdempotencyKey("order-42").build();
        NewTask second = aNewTask().withIdempotencyKey("order-42").build();
        store.create(first, true);

        CreateOutcome outcome = store.create(second, true);

        assertThat(outcome).isEqualTo(new CreateOutcome(first.id(), true));
        assertThat(store.find(second.id())).isEmpty();
    }

    @Test
    void aRecordRecreatedUnderItsOwnIdempotencyKeyIsNoDuplicate() {
        NewTask task = aNewTask().withIdempotencyKey("order-9").build();
        store.create(task, true);
        gateway.call(r -> r.del(RedisKeys.task(task.id())));

        CreateOutcome recreated = store.create(task, false);

        assertThat(recreated).isEqualTo(new CreateOutcome(task.id(), false));
        assertThat(store.find(task.id())).isPresent();
    }

    @Test
    void discardingARolledBackEnqueueLeavesNothingBehind() {
        NewTask task =
                aNewTask().withIdempotencyKey("order-7").withAgent("analyzer").build();
        store.create(task, true);

        provisional.discard(task);

        assertThat(store.find(task.id())).isEmpty();
        assertThat(exists(RedisKeys.idempotency("order-7"))).isZero();
        assertThat(score(RedisKeys.stateIndex(TaskState.QUEUED.name()), task.id()))
                .isNull();
        assertThat(score(RedisKeys.agentIndex("analyzer"), task.id())).isNull();
    }

    @Test
    void discardNeverRemovesATaskAWorkerHasStarted() {
        NewTask task = aNewTask().build();
        store.create(task, true);
        store.start(task.id(), 1, 5, "node-a", now());

        provisional.discard(task);

        assertThat(store.find(task.id())).map(TaskSnapshot::state).contains(TaskState.RUNNING);
    }

    @Test
    void aCompletedAttemptKeepsItsResultAndHistoryAndExpiresAfterRetention() {
        NewTask task = aNewTask().build();
        store.create(task, true);
        store.start(task.id(), 1, 5, "node-a", now());

        TransitionOutcome outcome = store.complete(task.id(), 1, "{\"answer\":42}", "[\"low confidence\"]", now());

        assertThat(outcome.applied()).isTrue();
        TaskSnapshot done = store.find(task.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(((JsonObject) done.result()).getInt("answer")).isEqualTo(42);
        assertThat(done.warnings().getString(0)).isEqualTo("low confidence");
        assertThat(done.history()).hasSize(1);
        assertThat(done.history().get(0).outcome()).isEqualTo("COMPLETED");
        assertThat(done.history().get(0).node()).isEqualTo("node-a");
        assertThat(ttl(RedisKeys.task(task.id()))).isBetween(7 * 86400L - 5, 7 * 86400L);
        assertThat(score(RedisKeys.stateIndex(TaskState.COMPLETED.name()), task.id()))
                .isNotNull();
        assertThat(score(RedisKeys.stateIndex(TaskState.QUEUED.name()), task.id()))
                .isNull();
    }

    @Test
    void aStaleWorkerCannotOverwriteANewerAttempt() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", now());
        store.start(task.id(), 2, 5, "node-b", now());

        TransitionOutcome late = store.complete(task.id(), 1, "{}", "[]", now());

        assertThat(late.result()).isEqualTo(TransitionOutcome.Result.STALE);
        assertThat(late.previousAttempt()).isEqualTo(2);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void anAttemptThatNeverReportedBackIsMarkedAbandonedWhenTheNextStarts() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", now());

        store.start(task.id(), 2, 5, "node-b", now());

        TaskSnapshot running = store.find(task.id()).orElseThrow();
        assertThat(running.history().get(0).outcome()).isEqualTo("ABANDONED");
        assertThat(running.history().get(1).attempt()).isEqualTo(2);
    }

    @Test
    void aReleasedAttemptReturnsTheTaskToQueuedWithoutUsingItsBudget() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", now());

        TransitionOutcome released = store.release(task.id(), 1, 0, "INTERRUPTED", "shutdown", now());
        TransitionOutcome rerun = store.start(task.id(), 1, 5, "node-b", now());

        assertThat(released.applied()).isTrue();
        assertThat(rerun.applied()).isTrue();
        TaskSnapshot running = store.find(task.id()).orElseThrow();
        assertThat(running.attempt()).isEqualTo(1);
        assertThat(running.history().get(0).outcome()).isEqualTo("INTERRUPTED");
        assertThat(running.history().get(0).reason()).isEqualTo("shutdown");
        assertThat(running.history().get(1).outcome()).isNull();
    }

    @Test
    void aStartMustBeForANewerAttemptThanTheRecordedOne() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 2, 5, "node-a", now());
        store.fail(task.id(), 2, TIMEOUT, now() + 1000, "[]", now());

        TransitionOutcome replay = store.start(task.id(), 2, 5, "node-a", now());

        assertThat(replay.result()).isEqualTo(TransitionOutcome.Result.STALE);
    }

    @Test
    void aFailedAttemptRecordsTheErrorAndWhenTheNextAttemptIsDue() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", now());
        long next = now() + 1000;

        store.fail(task.id(), 1, TIMEOUT, next, "[]", now());

        TaskSnapshot failed = store.find(task.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.error()).isEqualTo(TIMEOUT);
        assertThat(failed.nextAttemptAt().toEpochMilli()).isEqualTo(next);
        assertThat(failed.history().get(0).error().type()).isEqualTo("java.io.IOException");
    }

    @Test
    void aRecoveredRunningTaskIsQueuedAgainWithItsAttemptCountAndTheLostAttemptAbandoned() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 2, 5, "node-a", now());

        TransitionOutcome outcome = store.recover(task.id(), TaskState.RUNNING, 2, 1, now());

        assertThat(outcome.applied()).isTrue();
        TaskSnapshot recovered = store.find(task.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(TaskState.QUEUED);
        assertThat(recovered.attempt()).isEqualTo(2);
        assertThat(recovered.startedAt()).isNull();
        assertThat(recovered.history().get(0).outcome()).isEqualTo("ABANDONED");
        TaskAttempt entry = recovered.history().get(1);
        assertThat(entry.outcome()).isEqualTo("RECOVERED");
        assertThat(entry.from()).isEqualTo("RUNNING");
        String recoveries = gateway.call(r -> r.hget(RedisKeys.task(task.id()), TaskFields.RECOVERIES));
        assertThat(recoveries).isEqualTo("1");
        assertThat(score(RedisKeys.stateIndex(TaskState.QUEUED.name()), task.id()))
                .isNotNull();
        assertThat(score(RedisKeys.stateIndex(TaskState.RUNNING.name()), task.id()))
                .isNull();
    }

    @Test
    void aRecoveryLosesToAWorkerThatMovedTheTaskOnMeanwhile() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", now());
        store.fail(task.id(), 1, TIMEOUT, now(), "[]", now());

        TransitionOutcome otherState = store.recover(task.id(), TaskState.RUNNING, 1, 1, now());
        store.start(task.id(), 2, 5, "node-a", now());
        TransitionOutcome otherAttempt = store.recover(task.id(), TaskState.RUNNING, 1, 1, now());

        assertThat(otherState.result()).isEqualTo(TransitionOutcome.Result.STATE);
        assertThat(otherAttempt.result()).isEqualTo(TransitionOutcome.Result.STALE);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void aDelayedTaskRecordsWhenItsFirstAttemptIsDue() {
        NewTask delayed = new NewTask(
                "t-delayed", "agentqueue.job.v1", null, "{}", 4, null, null, 1000, 5000, 5, 65_000, null, null);

        store.create(delayed, false);

        assertThat(store.find("t-delayed").orElseThrow().nextAttemptAt().toEpochMilli())
                .isEqualTo(65_000);
    }

    @Test
    void aRedriveReturnsADeadLetterToQueuedWithAFreshAttemptBudgetAndKeepsItsHistory() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 2, "node-a", 1_000);
        store.fail(task.id(), 1, TIMEOUT, 2_000, "[]", 1_100);
        store.start(task.id(), 2, 2, "node-a", 2_000);
        store.deadLetter(task.id(), 2, TIMEOUT, true, "[]", 2_100);

        TransitionOutcome redriven = store.redrive(task.id(), 3_000);

        assertThat(redriven.applied()).isTrue();
        TaskSnapshot stored = store.find(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.QUEUED);
        assertThat(stored.attempt()).isZero();
        assertThat(stored.error()).isEqualTo(TIMEOUT);
        assertThat(ttl(RedisKeys.task(task.id()))).isEqualTo(-1L);
        assertThat(score(RedisKeys.stateIndex(TaskState.DEAD_LETTER.name()), task.id()))
                .isNull();
        assertThat(stored.history().get(stored.history().size() - 1).outcome()).isEqualTo("REDRIVEN");
        assertThat(store.start(task.id(), 1, 2, "node-b", 4_000).applied()).isTrue();
    }

    @Test
    void aRolledBackRedriveLeavesTheTaskDeadLettered() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.deadLetter(task.id(), 1, BAD_INPUT, false, "[]", 1_000);
        store.redrive(task.id(), 2_000);

        TransitionOutcome undone = store.undoRedrive(task.id(), 2_100);

        assertThat(undone.applied()).isTrue();
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.DEAD_LETTER);
    }

    @Test
    void onlyQueuedOrFailedTasksCanBeCancelled() {
        NewTask queued = aNewTask().build();
        NewTask running = aNewTask().build();
        store.create(queued, false);
        store.create(running, false);
        store.start(running.id(), 1, 5, "node-a", 1_000);

        assertThat(store.cancel(queued.id(), 2_000).applied()).isTrue();
        assertThat(store.cancel(running.id(), 2_000).result()).isEqualTo(TransitionOutcome.Result.STATE);
        assertThat(store.find(queued.id()).orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(store.start(queued.id(), 1, 5, "node-a", 3_000).result()).isEqualTo(TransitionOutcome.Result.STATE);
        assertThat(ttl(RedisKeys.task(queued.id()))).isGreaterThan(6 * 24 * 3600L);
    }

    @Test
    void aPurgedDeadLetterIsPurgedAndExpires() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.deadLetter(task.id(), 1, BAD_INPUT, false, "[]", 1_000);

        assertThat(store.purge(task.id(), 2_000).applied()).isTrue();
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.PURGED);
        assertThat(score(RedisKeys.stateIndex(TaskState.PURGED.name()), task.id()))
                .isEqualTo(2_000.0);
    }

    @Test
    void aSettledTaskIsNeverStartedAgain() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", now());
        store.complete(task.id(), 1, "{}", "[]", now());

        TransitionOutcome redelivered = store.start(task.id(), 2, 5, "node-a", now());

        assertThat(redelivered.result()).isEqualTo(TransitionOutcome.Result.STATE);
        assertThat(redelivered.previousState()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void aTaskRefusedBeforeItRanRecordsOneClosedAttempt() {
        NewTask task = aNewTask().build();
        store.create(task, false);

        store.deadLetter(task.id(), 1, BAD_INPUT, false, "[]", now());

        TaskSnapshot dead = store.find(task.id()).orElseThrow();
        assertThat(dead.state()).isEqualTo(TaskState.DEAD_LETTER);
        assertThat(dead.attempt()).isEqualTo(1);
        assertThat(dead.history()).hasSize(1);
        assertThat(dead.history().get(0).outcome()).isEqualTo("DEAD_LETTER");
        assertThat(dead.history().get(0).end()).isNotNull();
    }

    @Test
    void historyKeepsOnlyTheNewestEntries() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        for (int attempt = 1; attempt <= 5; attempt++) {
            store.start(task.id(), attempt, 9, "node-a", now());
            store.fail(task.id(), attempt, TIMEOUT, now(), "[]", now());
        }

        TaskSnapshot failed = store.find(task.id()).orElseThrow();

        assertThat(failed.history()).hasSize(3);
        assertThat(failed.history().get(0).attempt()).isEqualTo(3);
    }

    @Test
    void transitionsOfAnUnknownTaskReportItMissing() {
        assertThat(store.start(TaskIds.next(), 1, 5, "node-a", now()).result())
                .isEqualTo(TransitionOutcome.Result.MISSING);
    }

    @Test
    void aRunningAttemptThatNeverReportedBackIsDeadLetteredOnceAndClosed() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 5, 5, "node-a", 1_000);

        TransitionOutcome first = store.deadLetter(task.id(), 5, DELIVERIES_EXHAUSTED, true, "[]", 2_000);
        TransitionOutcome again = store.deadLetter(task.id(), 5, DELIVERIES_EXHAUSTED, true, "[]", 3_000);

        assertThat(first.applied()).isTrue();
        assertThat(again.applied()).isFalse();
        TaskSnapshot stored = store.find(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.DEAD_LETTER);
        assertThat(stored.error()).isEqualTo(DELIVERIES_EXHAUSTED);
        assertThat(stored.finishedAt().toEpochMilli()).isEqualTo(2_000);
        TaskAttempt last = stored.history().get(stored.history().size() - 1);
        assertThat(last.attempt()).isEqualTo(5);
        assertThat(last.outcome()).isEqualTo("DEAD_LETTER");
        assertThat(last.end()).isEqualTo(2_000);
    }

    @Test
    void aCompletedTaskIsNotDeadLetteredForAnAttemptThatEndedLongAgo() {
        NewTask task = aNewTask().build();
        store.create(task, false);
        store.start(task.id(), 1, 5, "node-a", 1_000);
        store.complete(task.id(), 1, "{\"ok\":true}", "[]", 1_500);

        TransitionOutcome outcome = store.deadLetter(task.id(), 1, DELIVERIES_EXHAUSTED, true, "[]", 2_000);

        assertThat(outcome.result()).isEqualTo(TransitionOutcome.Result.STATE);
        TaskSnapshot stored = store.find(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(stored.error()).isNull();
    }

    @Test
    void aBatchIsWrittenInOrderAndAKeyRepeatedInItAnswersWithTheEarlierTask() {
        NewTask first = aNewTask().withIdempotencyKey("batch-a").build();
        NewTask plain = aNewTask().withAgent("analyzer").build();
        NewTask repeat = aNewTask().withIdempotencyKey("batch-a").build();

        List<CreateOutcome> outcomes = store.createAll(List.of(first, plain, repeat), true);

        assertThat(outcomes)
                .containsExactly(
                        new CreateOutcome(first.id(), false, TaskState.QUEUED),
                        new CreateOutcome(plain.id(), false, TaskState.QUEUED),
                        new CreateOutcome(first.id(), true, TaskState.QUEUED));
        assertThat(TaskSnapshot.of(plain)).isEqualTo(store.find(plain.id()).orElseThrow());
        assertThat(exists(RedisKeys.task(repeat.id()))).isZero();
        assertThat(score(RedisKeys.agentIndex("analyzer"), plain.id())).isNotNull();
    }

    @Test
    void aBatchItemWhoseKeyNamesAnEarlierTaskIsADuplicateWithThatTasksState() {
        NewTask earlier = aNewTask().withIdempotencyKey("batch-b").build();
        store.create(earlier, false);
        store.start(earlier.id(), 1, 5, "node-1", now());

        List<CreateOutcome> outcomes = store.createAll(
                List.of(
                        aNewTask().withIdempotencyKey("batch-b").build(),
                        aNewTask().build()),
                true);

        assertThat(outcomes.get(0)).isEqualTo(new CreateOutcome(earlier.id(), true, TaskState.RUNNING));
        assertThat(outcomes.get(1).duplicate()).isFalse();
    }

    @Test
    void confirmingABatchMakesEveryRecordAndKeyPermanent() throws Exception {
        NewTask keyed = aNewTask().withIdempotencyKey("batch-c").build();
        NewTask plain = aNewTask().build();
        store.createAll(List.of(keyed, plain), true);

        provisional.confirmAll(List.of(keyed, plain));

        awaitTrue(() -> ttl(RedisKeys.task(keyed.id())) == -1L && ttl(RedisKeys.task(plain.id())) == -1L);
        assertThat(ttl(RedisKeys.idempotency("batch-c"))).isGreaterThan(23 * 3600L);
    }

    @Test
    void discardingARolledBackBatchLeavesNothingBehind() {
        NewTask keyed =
                aNewTask().withIdempotencyKey("batch-d").withAgent("analyzer").build();
        NewTask plain = aNewTask().build();
        store.createAll(List.of(keyed, plain), true);

        provisional.discardAll(List.of(keyed, plain));

        for (NewTask task : List.of(keyed, plain)) {
            assertThat(exists(RedisKeys.task(task.id()))).isZero();
            assertThat(score(RedisKeys.stateIndex(TaskState.QUEUED.name()), task.id()))
                    .isNull();
            assertThat(score(RedisKeys.contractIndex(task.contract()), task.id()))
                    .isNull();
        }
        assertThat(score(RedisKeys.agentIndex("analyzer"), keyed.id())).isNull();
        assertThat(exists(RedisKeys.idempotency("batch-d"))).isZero();
    }

    private Double score(String index, String id) {
        return gateway.call(r -> r.zscore(index, id));
    }

    private long ttl(String key) {
        return gateway.call(r -> r.ttl(key));
    }

    private long exists(String key) {
        return gateway.call(r -> r.exists(key));
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
