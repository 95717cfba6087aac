package dev.agentqueue.contract;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** What a contract sees of the task it runs: its input, its agent, its attempt and deadline, and a voice back. */
public interface TaskContext {

    /** Returns the task id. */
    String taskId();

    /** Returns the task's payload. */
    JsonObject payload();

    /** Returns the agent the task names, if any. */
    Optional<AgentDefinition> agent();

    /** Returns the caller's correlation id, if any. */
    Optional<String> correlationId();

    /** Returns the number of this attempt, starting at 1. */
    int attempt();

    /** Returns the most attempts the broker grants before the task is dead-lettered. */
    int maxAttempts();

    /** Returns how many times an operator has redriven this task from the dead-letter queue. */
    default int redrives() {
        return 0;
    }

    /**
     * Returns when this attempt times out; work past it is interrupted and counted as a retryable failure. A
     * {@link #heartbeat} moves it forward.
     */
    Instant deadline();

    /** Records a non-fatal warning; it is kept on the task even when the attempt succeeds. */
    void warn(String message);

    /**
     * Reports progress of a long attempt, from 0 to 100 percent (clamped), with an optional message. It is stored on
     * the task and sent to the listeners of its live events.
     */
    void progress(int percent, String message);

    /** Reports progress of a long attempt as a fraction between 0 and 1; the same as {@link #progress(int, String)}. */
    default void progress(double fraction, String note) {
        progress((int) Math.round(fraction * 100), note);
    }

    /**
     * Tells the worker this attempt is alive: its deadline moves to the task's timeout from now, up to the worker's
     * longest attempt ({@code agentqueue.worker.max-attempt-duration}). A long job that heartbeats needs no long
     * timeout, and one that hangs still times out. Cheap enough to call often; the record is written at most once a
     * second.
     */
    void heartbeat();

    /**
     * Sends a piece of the attempt's output (text as it is produced, such as a model's streamed answer) to the
     * listeners of the task's live events. It is not stored on the task: the result is what the contract returns.
     */
    default void output(String text) {}
}
