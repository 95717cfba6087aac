package dev.agentqueue.dlq.redrive;

import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.dlq.LetterMatch;
import dev.agentqueue.task.ErrorClassification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A redrive job as stored: what it redrives, where it is, how many letters it has moved (of about {@code expected},
 * or -1 when the tally cannot tell), the canary's tasks, why it stopped, if it did, and the walk of the dead-letter
 * queue it went on with last, if it walks one.
 */
public record RedriveJob(
        String id,
        RedriveJobSpec spec,
        RedriveJobState state,
        long cutoff,
        long createdAt,
        long updatedAt,
        long redriven,
        long expected,
        boolean canaryStarted,
        List<String> canaryTaskIds,
        String message,
        String walk) {

    /** Returns the fields of a new job's hash. */
    static Map<String, String> newHash(String id, RedriveJobSpec spec, RedriveJobState state, long now, long expected) {
        Map<String, String> hash = new HashMap<>();
        hash.put("id", id);
        put(hash, "contract", spec.filter().contract());
        put(hash, "agent", spec.filter().agent());
        put(hash, "fingerprint", spec.filter().fingerprint());
        put(
                hash,
                "classification",
                spec.classification() == null ? null : spec.classification().name());
        hash.put("canary", Integer.toString(spec.canary()));
        hash.put("confirm", Boolean.toString(spec.confirm()));
        put(hash, "before", spec.before() == null ? null : spec.before().toString());
        put(hash, "requestedBy", spec.requestedBy());
        hash.put("state", state.name());
        hash.put("cutoff", Long.toString(spec.cutoff(now)));
        hash.put("createdAt", Long.toString(now));
        hash.put("updatedAt", Long.toString(now));
        hash.put("redriven", "0");
        hash.put("expected", Long.toString(expected));
        return hash;
    }

    /** Reads a job from its hash and its canary's task ids. */
    static RedriveJob fromHash(Map<String, String> hash, List<String> canaryTaskIds) {
        String classification = hash.get("classification");
        String before = hash.get("before");
        RedriveJobSpec spec = new RedriveJobSpec(
                new DeadLetterFilter(hash.get("contract"), hash.get("agent"), hash.get("fingerprint"), null),
                classification == null ? null : ErrorClassification.valueOf(classification),
                Integer.parseInt(hash.get("canary")),
                Boolean.parseBoolean(hash.get("confirm")),
                before == null ? null : Long.valueOf(before),
                hash.get("requestedBy"));
        return new RedriveJob(
                hash.get("id"),
                spec,
                RedriveJobState.valueOf(hash.get("state")),
                Long.parseLong(hash.get("cutoff")),
                Long.parseLong(hash.get("createdAt")),
                Long.parseLong(hash.get("updatedAt")),
                Long.parseLong(hash.get("redriven")),
                Long.parseLong(hash.get("expected")),
                hash.containsKey("canaryStarted"),
                List.copyOf(canaryTaskIds),
                hash.get("message"),
                hash.get("walk"));
    }

    /** Returns the letters this job redrives. */
    public LetterMatch match() {
        return spec.match(cutoff);
    }

    private static void put(Map<String, String> hash, String field, String value) {
        if (value != null) {
            hash.put(field, value);
        }
    }
}
