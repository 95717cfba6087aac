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

/** The {@link TaskContext} of one attempt: collects warnings, forwards progress and output, renews its lease. */
final class RunningTask implements TaskContext {

    /** Most warnings kept per attempt; a chatty contract must not bloat the record. */
    static final int MAX_WARNINGS = 50;

    private final TaskEnvelope envelope;
    private final AgentDefinition agent;
    private final int attempt;
    private final int maxAttempts;
    private final AttemptLease lease;
    private final int redrives;
    private final AttemptReports reports;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    RunningTask(
            TaskEnvelope envelope,
            AgentDefinition agent,
            int attempt,
            int maxAttempts,
            AttemptLease lease,
            int redrives,
            AttemptReports reports) {
        this.envelope = envelope;
        this.agent = agent;
        this.attempt = attempt;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.redrives = redrives;
        this.reports = reports;
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
        return lease.deadline();
    }

    /** Returns the attempt's timeout lease, which the runner's watchdog checks. */
    AttemptLease lease() {
        return lease;
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
    public void progress(int percent, String message) {
        reports.progress(Math.max(0, Math.min(100, percent)), message);
    }

    @Override
    public void heartbeat() {
        long until = lease.renew(System.nanoTime());
        if (until >= 0) {
            reports.leaseRenewed(until);
        }
    }

    @Override
    public void output(String text) {
        if (text != null && !text.isEmpty()) {
            reports.output(text);
        }
    }

    /** Returns the warnings collected so far as the JSON array stored on the task. */
    String warningsJson() {
        return JsonRecords.write(warnings);
    }
}
