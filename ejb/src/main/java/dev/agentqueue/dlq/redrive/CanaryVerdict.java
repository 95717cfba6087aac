package dev.agentqueue.dlq.redrive;

import dev.agentqueue.task.TaskState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the canary's tasks say about the rest of a redrive: wait, go on, or stop because one of them dead-lettered
 * again (naming it). Pure: judged from the tasks' states as read.
 */
public record CanaryVerdict(Outcome outcome, String deadLetteredTaskId) {

    /** The three ways a canary ends up. */
    public enum Outcome {
        WAITING,
        PASSED,
        FAILED
    }

    /**
     * Judges a canary from the states of its tasks ({@code null}: no record, as for an expired one, which counts as
     * settled). Any task back in the dead-letter queue fails it; it passes once every task has settled otherwise.
     */
    public static CanaryVerdict judge(List<String> taskIds, Map<String, Optional<TaskState>> states) {
        boolean allSettled = true;
        for (String id : taskIds) {
            TaskState state = states.getOrDefault(id, Optional.empty()).orElse(null);
            if (state == TaskState.DEAD_LETTER) {
                return new CanaryVerdict(Outcome.FAILED, id);
            }
            allSettled &= state == null || state.isSettled();
        }
        return new CanaryVerdict(allSettled ? Outcome.PASSED : Outcome.WAITING, null);
    }
}
