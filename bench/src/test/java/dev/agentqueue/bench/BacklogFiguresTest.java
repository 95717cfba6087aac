package dev.agentqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the backlog run decides that a task ran exactly once, from its record. */
class BacklogFiguresTest {

    @Test
    void onlyATaskCompletedOnItsFirstAttemptCountsAsRunOnce() {
        List<TaskRecords.Task> done = List.of(
                task("a", "COMPLETED", 1),
                task("b", "COMPLETED", 2),
                task("c", "RUNNING", 1),
                task("d", "COMPLETED", 1));

        assertThat(BacklogFigures.completedOnce(done)).isEqualTo(2);
    }

    private static TaskRecords.Task task(String id, String state, int attempt) {
        return new TaskRecords.Task(id, state, attempt, 1_000, 1_001, 1_002);
    }
}
