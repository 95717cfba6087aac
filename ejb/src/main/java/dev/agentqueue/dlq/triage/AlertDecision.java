package dev.agentqueue.dlq.triage;

import java.util.Optional;

/** What the alert check decided for one new dead letter, as the check's Lua script answers it. */
enum AlertDecision {
    NONE,
    NEW_FINGERPRINT,
    FAST_GROWTH,
    /** An alert was due, but the group is muted. */
    MUTED;

    /** Reads the script's reply: 0 none, 1 new fingerprint, 2 growth, 3 muted. */
    static AlertDecision ofScriptReply(long reply) {
        return reply >= 0 && reply < values().length ? values()[(int) reply] : NONE;
    }

    /** Returns the alert to raise, if any. */
    Optional<AlertKind> alert() {
        return switch (this) {
            case NEW_FINGERPRINT -> Optional.of(AlertKind.NEW_FINGERPRINT);
            case FAST_GROWTH -> Optional.of(AlertKind.FAST_GROWTH);
            default -> Optional.empty();
        };
    }
}
