package dev.agentqueue.dlq.triage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * The triage state of one dead-letter group: an operator's note, who investigates it since when, whether it is muted
 * and by whom, and the alert bookkeeping (when the fingerprint was first seen, alerts raised and suppressed). Times are
 * ISO-8601 instants; members never set are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriageState(
        String fingerprint,
        String note,
        String noteBy,
        String noteAt,
        String investigatingBy,
        String investigatingSince,
        boolean muted,
        String mutedBy,
        String mutedAt,
        String firstSeenAt,
        long alerts,
        long suppressedAlerts,
        String lastAlertAt)
        implements Serializable {

    /** Reads the state from the fields of the group's hash (empty: nothing known). */
    static TriageState fromHash(String fingerprint, Map<String, String> hash) {
        return new TriageState(
                fingerprint,
                hash.get(GroupTriage.NOTE),
                hash.get(GroupTriage.NOTE_BY),
                instant(hash.get(GroupTriage.NOTE_AT)),
                hash.get(GroupTriage.INVESTIGATING_BY),
                instant(hash.get(GroupTriage.INVESTIGATING_SINCE)),
                "1".equals(hash.get(GroupTriage.MUTED)),
                hash.get(GroupTriage.MUTED_BY),
                instant(hash.get(GroupTriage.MUTED_AT)),
                instant(hash.get("firstSeenAt")),
                count(hash.get("alerts")),
                count(hash.get("suppressedAlerts")),
                instant(hash.get("lastAlertAt")));
    }

    /** Tells whether an operator has set anything on the group. */
    public boolean triaged() {
        return note != null || investigatingBy != null || muted;
    }

    private static String instant(String epochMillis) {
        return epochMillis == null
                ? null
                : Instant.ofEpochMilli(Long.parseLong(epochMillis)).toString();
    }

    private static long count(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
