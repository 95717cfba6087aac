package dev.agentqueue.dlq.triage;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and writes the triage state of dead-letter groups in Redis, one hash per fingerprint, shared by every server:
 * a note, an investigation mark and a mute, each with who set it and when. A mute may be set before its fingerprint
 * is ever seen. Fingerprints with operator state are also kept in one set, so they can be listed without a scan.
 */
@ApplicationScoped
public class GroupTriage {

    static final String NOTE = "note";
    static final String NOTE_BY = "noteBy";
    static final String NOTE_AT = "noteAt";
    static final String INVESTIGATING_BY = "investigatingBy";
    static final String INVESTIGATING_SINCE = "investigatingSince";
    static final String MUTED = "muted";
    static final String MUTED_BY = "mutedBy";
    static final String MUTED_AT = "mutedAt";

    /** Longest note kept. */
    public static final int MAX_NOTE_LENGTH = 2000;

    /** Longest name of the operator recorded with a change. */
    public static final int MAX_ACTOR_LENGTH = 256;

    /** An error fingerprint as {@link dev.agentqueue.task.ErrorFingerprint} makes them. */
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    @Inject
    RedisGateway redis;

    /** Returns the triage state of the group {@code fingerprint}; all empty when nothing is known of it. */
    public TriageState find(String fingerprint) {
        String key = RedisKeys.deadLetterGroup(requireFingerprint(fingerprint));
        return TriageState.fromHash(fingerprint, redis.call(r -> r.hgetall(key)));
    }

    /** Returns the state of every group an operator has set something on, ordered by fingerprint. */
    public List<TriageState> triaged() {
        Set<String> members = redis.call(r -> r.smembers(RedisKeys.triagedGroups()));
        Set<String> fingerprints = new TreeSet<>(members);
        List<TriageState> states = new ArrayList<>();
        for (String fingerprint : fingerprints) {
            TriageState state = find(fingerprint);
            if (state.triaged()) {
                states.add(state);
            } else {
                redis.call(r -> r.srem(RedisKeys.triagedGroups(), fingerprint));
            }
        }
        return states;
    }

    /** Sets the group's note, replacing any; a blank note removes it. */
    public TriageState note(String fingerprint, String note, String actor) {
        if (note == null || note.isBlank()) {
            return clear(fingerprint, NOTE, NOTE_BY, NOTE_AT);
        }
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new InvalidTriageException("note", "note must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        return set(fingerprint, Map.of(NOTE, note, NOTE_BY, requireActor(actor), NOTE_AT, now()));
    }

    /** Marks the group as under investigation by {@code actor} from now on. */
    public TriageState investigate(String fingerprint, String actor) {
        return set(fingerprint, Map.of(INVESTIGATING_BY, requireActor(actor), INVESTIGATING_SINCE, now()));
    }

    /** Takes the investigation mark off the group. */
    public TriageState stopInvestigating(String fingerprint) {
        return clear(fingerprint, INVESTIGATING_BY, INVESTIGATING_SINCE);
    }

    /** Mutes the group: its dead letters still land, but raise no alert. */
    public TriageState mute(String fingerprint, String actor) {
        return set(fingerprint, Map.of(MUTED, "1", MUTED_BY, requireActor(actor), MUTED_AT, now()));
    }

    /** Lets the group alert again. */
    public TriageState unmute(String fingerprint) {
        return clear(fingerprint, MUTED, MUTED_BY, MUTED_AT);
    }

    private TriageState set(String fingerprint, Map<String, String> fields) {
        String key = RedisKeys.deadLetterGroup(requireFingerprint(fingerprint));
        redis.call(r -> {
            r.hset(key, fields);
            return r.sadd(RedisKeys.triagedGroups(), fingerprint);
        });
        return find(fingerprint);
    }

    private TriageState clear(String fingerprint, String... fields) {
        String key = RedisKeys.deadLetterGroup(requireFingerprint(fingerprint));
        redis.call(r -> r.hdel(key, fields));
        return find(fingerprint);
    }

    private static String requireFingerprint(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new InvalidTriageException("fingerprint", "fingerprint must be 16 lower-case hex digits");
        }
        return fingerprint;
    }

    private static String requireActor(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR_LENGTH) {
            throw new InvalidTriageException(
                    "actor", "who made the change must be named in 1-" + MAX_ACTOR_LENGTH + " characters");
        }
        return actor;
    }

    private static String now() {
        return Long.toString(System.currentTimeMillis());
    }
}
