package dev.agentqueue.reconcile;

import static dev.agentqueue.reconcile.RecordedTaskBuilder.aRecordedTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.task.NewTask;
import dev.agentqueue.task.TaskState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconciler's judgement of one record: when its message was due, and whether it is overdue by the grace. */
class RecordedTaskTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final long MINUTE = 60_000;

    @Test
    void aQueuedTaskIsOverdueOnceTheGraceHasPassedSinceItWasQueued() {
        RecordedTask task = aRecordedTask().queuedAt(0).build();

        assertThat(task.isOverdue(5 * MINUTE - 1, GRACE)).isFalse();
        assertThat(task.isOverdue(5 * MINUTE, GRACE)).isTrue();
    }

    @Test
    void aDelayedTaskIsDueWhenItsDelayEndsNotWhenItWasQueued() {
        RecordedTask task = aRecordedTask().queuedAt(0).dueAt(60 * MINUTE).build();

        assertThat(task.dueAt()).isEqualTo(60 * MINUTE);
        assertThat(task.isOverdue(30 * MINUTE, GRACE)).isFalse();
        assertThat(task.isOverdue(65 * MINUTE, GRACE)).isTrue();
    }

    @Test
    void aRunningTaskWhoseHeartbeatsExtendedItsLeaseIsDueWhenTheLeaseEnds() {
        RecordedTask task = aRecordedTask()
                .runningSince(10 * MINUTE, 1)
                .withTimeout(MINUTE)
                .leaseUntil(45 * MINUTE)
                .build();

        assertThat(task.dueAt()).isEqualTo(45 * MINUTE);
        assertThat(task.isOverdue(49 * MINUTE, GRACE)).isFalse();
        assertThat(task.isOverdue(50 * MINUTE, GRACE)).isTrue();
    }

    @Test
    void aRunningTaskIsDueWhenItsTimeoutEnds() {
        RecordedTask task = aRecordedTask()
                .runningSince(10 * MINUTE, 2)
                .withTimeout(20 * MINUTE)
                .build();

        assertThat(task.dueAt()).isEqualTo(30 * MINUTE);
        assertThat(task.isOverdue(34 * MINUTE, GRACE)).isFalse();
        assertThat(task.isOverdue(35 * MINUTE, GRACE)).isTrue();
    }

    @Test
    void aFailedTaskIsDueAtItsNextAttempt() {
        RecordedTask task = aRecordedTask().failedAt(MINUTE, 1, 3 * MINUTE).build();

        assertThat(task.dueAt()).isEqualTo(3 * MINUTE);
        assertThat(task.isOverdue(8 * MINUTE, GRACE)).isTrue();
    }

    @Test
    void aRecoveredTaskGetsAFullGraceAgainFromItsRecovery() {
        RecordedTask task =
                aRecordedTask().queuedAt(0).recovered(20 * MINUTE, 1).build();

        assertThat(task.isOverdue(24 * MINUTE, GRACE)).isFalse();
        assertThat(task.isOverdue(25 * MINUTE, GRACE)).isTrue();
    }

    @Test
    void settledTasksAreNeverOverdue() {
        for (TaskState state :
                new TaskState[] {TaskState.COMPLETED, TaskState.CANCELLED, TaskState.DEAD_LETTER, TaskState.PURGED}) {
            assertThat(aRecordedTask().queuedAt(0).inState(state).build().isOverdue(Long.MAX_VALUE / 2, GRACE))
                    .as(state.name())
                    .isFalse();
        }
    }

    @Test
    void theRemainingDelayIsWhatIsLeftOfItAndNeverNegative() {
        RecordedTask task = aRecordedTask().queuedAt(0).dueAt(10 * MINUTE).build();

        assertThat(task.remainingDelay(4 * MINUTE)).isEqualTo(Duration.ofMinutes(6));
        assertThat(task.remainingDelay(20 * MINUTE)).isZero();
    }

    @Test
    void eachRecoveryOfAnAttemptHasItsOwnDuplicateId() {
        RecordedTask first = aRecordedTask().failedAt(0, 2, MINUTE).build();
        RecordedTask again =
                aRecordedTask().failedAt(0, 2, MINUTE).recovered(MINUTE, 1).build();
        String id = first.task().id();

        assertThat(first.duplicateId()).isEqualTo("recover:" + id + ":2:1");
        assertThat(again.duplicateId()).isNotEqualTo(first.duplicateId());
    }

    @Test
    void theMessageIsBuiltAgainFromTheRecord() {
        RecordedTask recorded = aRecordedTask().queuedAt(1234).withTimeout(9000).build();

        NewTask task = recorded.asNewTask();

        assertThat(task.id()).isEqualTo(recorded.task().id());
        assertThat(task.priority()).isEqualTo(7);
        assertThat(task.timeoutMs()).isEqualTo(9000);
        assertThat(task.createdAt()).isEqualTo(1234);
        assertThat(task.payloadJson()).isEqualTo("{\"job_type\":\"echo\",\"arguments\":{}}");
    }

    @Test
    void aFlowStepsMessageIsSentAgainWithItsFlowAndStep() {
        RecordedTask step = aRecordedTask().stepOf("flow-7", "classify").build();

        assertThat(step.labels())
                .isEqualTo(Map.of(MessageProperties.FLOW_ID, "flow-7", MessageProperties.FLOW_STEP, "classify"));
        assertThat(aRecordedTask().build().labels()).as("a task of no flow").isEmpty();
    }
}
