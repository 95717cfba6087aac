package dev.agentqueue.dlq.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.task.TaskState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanaryVerdictTest {

    private final List<String> canary = List.of("a", "b");

    @Test
    void aCanaryPassesOnceEveryTaskCompleted() {
        CanaryVerdict verdict = CanaryVerdict.judge(
                canary, Map.of("a", Optional.of(TaskState.COMPLETED), "b", Optional.of(TaskState.COMPLETED)));

        assertThat(verdict.outcome()).isEqualTo(CanaryVerdict.Outcome.PASSED);
    }

    @Test
    void aCanaryWaitsWhileATaskIsStillRunningOrRetrying() {
        CanaryVerdict verdict = CanaryVerdict.judge(
                canary, Map.of("a", Optional.of(TaskState.COMPLETED), "b", Optional.of(TaskState.FAILED)));

        assertThat(verdict.outcome()).isEqualTo(CanaryVerdict.Outcome.WAITING);
    }

    @Test
    void aCanaryFailsAsSoonAsOneTaskIsDeadLetteredAgainAndNamesIt() {
        CanaryVerdict verdict = CanaryVerdict.judge(
                canary, Map.of("a", Optional.of(TaskState.RUNNING), "b", Optional.of(TaskState.DEAD_LETTER)));

        assertThat(verdict).isEqualTo(new CanaryVerdict(CanaryVerdict.Outcome.FAILED, "b"));
    }

    @Test
    void aTaskWhoseRecordExpiredDoesNotHoldTheCanaryForever() {
        CanaryVerdict verdict =
                CanaryVerdict.judge(canary, Map.of("a", Optional.empty(), "b", Optional.of(TaskState.CANCELLED)));

        assertThat(verdict.outcome()).isEqualTo(CanaryVerdict.Outcome.PASSED);
    }
}
