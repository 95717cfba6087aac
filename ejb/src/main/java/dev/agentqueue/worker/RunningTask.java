package dev.agentqueue.worker;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.support.JsonRecords;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** The {@link TaskContext} of one attempt: collects warnings and forwards progress reports. */
final class RunningTask implements TaskContext {

    /** Most warnings kept per attempt; a chatty contract must not bloat the record. */
    static final int MAX_WARNINGS = 50;

    private final TaskEnvelope envelope;
    private final AgentDefinition agent;
    private final int attempt;
    private final int maxAttempts;
    private final Instant deadline;
    private final int redrives;
    private final BiConsumer<Double, String> progressSink;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    RunningTask(
            TaskEnvelope envelope,
            AgentDefinition agent,
            int attempt,
            int maxAttempts,
            Instant deadline,
            int redrives,
            BiConsumer<Double, String> progressSink) {
        this.envelope = envelope;
        this.agent = agent;
        this.attempt = attempt;
        this.maxAttempts = maxAttempts;
        this.deadline = deadline;
        this.redrives = redrives;
        this.progressSink = progressSink;
    }

    @Override
    public String taskId() {
        return envelope.id();
    }

    @Override
    public JsonObject payload() {
        return envelope.payload();
    }

    @Override
    public Optional<AgentDefinition> agent() {
        return Optional.ofNullable(agent);
    }

    @Override
    public Optional<String> correlationId() {
        return Optional.ofNullable(envelope.correlationId());
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public int redrives() {
        return redrives;
    }

    @Override
    public void warn(String message) {
        if (message != null && warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
        }
    }

    @Override
    public void progress(double fraction, String note) {
        progressSink.accept(Math.max(0, Math.min(1, fraction)), note);
    }

    /** Returns the warnings collected so far as the JSON array stored on the task. */
    String warningsJson() {
        return JsonRecords.write(warnings);
    }
}
