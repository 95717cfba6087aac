package dev.agentqueue.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStateTest {

    @Test
    void aQueuedTaskCanRunBeCancelledOrBeDeadLetteredBeforeRunning() {
        assertThat(TaskState.QUEUED.canMoveTo(TaskState.RUNNING)).isTrue();
        assertThat(TaskState.QUEUED.canMoveTo(TaskState.CANCELLED)).isTrue();
        assertThat(TaskState.QUEUED.canMoveTo(TaskState.DEAD_LETTER)).isTrue();
        assertThat(TaskState.QUEUED.canMoveTo(TaskState.COMPLETED)).isFalse();
    }

    @Test
    void onlyARunningAttemptCanCompleteOrFail() {
        for (TaskState state : TaskState.values()) {
            assertThat(state.canMoveTo(TaskState.COMPLETED)).isEqualTo(state == TaskState.RUNNING);
            assertThat(state.canMoveTo(TaskState.FAILED)).isEqualTo(state == TaskState.RUNNING);
        }
    }

    @Test
    void aCompletedTaskNeverMovesAgain() {
        for (TaskState target : TaskState.values()) {
            assertThat(TaskState.COMPLETED.canMoveTo(target)).isFalse();
        }
    }

    @Test
    void aDeadLetteredTaskCanBeRedrivenOrPurged() {
        assertThat(TaskState.DEAD_LETTER.canMoveTo(TaskState.QUEUED)).isTrue();
        assertThat(TaskState.DEAD_LETTER.canMoveTo(TaskState.PURGED)).isTrue();
        assertThat(TaskState.DEAD_LETTER.canMoveTo(TaskState.RUNNING)).isFalse();
    }

    @Test
    void aCrashedAttemptCanBeTakenOverByTheNextDelivery() {
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.RUNNING)).isTrue();
    }

    @Test
    void settledStatesAreTheOnesNoWorkerActsOn() {
        assertThat(TaskState.values())
                .filteredOn(TaskState::isSettled)
                .containsExactlyInAnyOrder(
                        TaskState.COMPLETED, TaskState.DEAD_LETTER, TaskState.CANCELLED, TaskState.PURGED);
    }
}
