package dev.agentqueue.dlq;

import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts of the letters in the dead-letter queue, kept in Redis as letters arrive and leave (per error fingerprint,
 * agent and contract, with each fingerprint group's sample error and time range), so a summary never browses the
 * queue. {@link DeadLetterReconciler} recounts from the broker when the total drifts from the queue's depth.
 */
@ApplicationScoped
public class DeadLetterTally {

    static final String TOTAL = "total";

    private static final LuaScript APPLY = LuaScript.load("dlq-tally");
    private static final LuaScript REPLACE = LuaScript.load("dlq-tally-replace");

    @Inject
    RedisGateway redis;

    /** Counts a letter the worker or a reconciliation just put in the dead-letter queue. */
    public void added(DeadLetterLabel label, long deadLetteredAt) {
        apply(1, label.contract(), label.agent(), label.error(), deadLetteredAt);
    }

    /** Uncounts a letter a redrive or purge took out of the dead-letter queue. */
    public void removed(DeadLetter letter) {
        apply(-1, letter.contract(), letter.agent(), letter.error(), letter.deadLetteredAt());
    }

    /** Returns the fingerprint groups, the largest first. */
    public List<FingerprintCount> summary() {
        Map<String, String> counts = redis.call(r -> r.hgetall(RedisKeys.deadLetterTally()));
        List<FingerprintCount> groups = new ArrayList<>();
        counts.forEach((field, count) -> {
            if (field.startsWith(TallyFields.FINGERPRINT)) {
                String fingerprint = field.substring(TallyFields.FINGERPRINT.length());
                Map<String, String> group = redis.call(r -> r.hgetall(RedisKeys.deadLetterGroupSummary(fingerprint)));
                groups.add(TallyFields.group(fingerprint, Long.parseLong(count), group));
            }
        });
        groups.sort(Comparator.comparingLong(FingerprintCount::count).reversed());
        return groups;
    }

    /** Returns the number of letters in the queue, as counted. */
    public long total() {
        String total = redis.call(r -> r.hget(RedisKeys.deadLetterTally(), TOTAL));
        return total == null ? 0 : Long.parseLong(total);
    }

    /** Returns the number of letters {@code filter} matches when the tally counts it (all, or one field); else empty. */
    public OptionalLong count(DeadLetterFilter filter) {
        String field = TallyFields.of(filter);
        if (field == null) {
            return OptionalLong.empty();
        }
        String count = redis.call(r -> r.hget(RedisKeys.deadLetterTally(), field));
        return OptionalLong.of(count == null ? 0 : Long.parseLong(count));
    }

    /** Replaces the tally by {@code recount}, made by browsing the queue. */
    public void replace(TallyRecount recount) {
        List<String> keys = new ArrayList<>(List.of(RedisKeys.deadLetterTally()));
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(recount.counts().size()));
        recount.counts().forEach((field, count) -> {
            args.add(field);
            args.add(Long.toString(count));
        });
        for (FingerprintCount group : recount.groups()) {
            keys.add(RedisKeys.deadLetterGroupSummary(group.fingerprint()));
            args.addAll(List.of(
                    group.classification(),
                    group.errorType(),
                    group.sampleMessage(),
                    Long.toString(group.firstDeadLetteredAt()),
                    Long.toString(group.lastDeadLetteredAt())));
        }
        redis.call(r -> REPLACE.runForLong(r, keys.toArray(String[]::new), args.toArray(String[]::new)));
    }

    private void apply(int delta, String contract, String agent, TaskError error, long at) {
        String[] keys = {RedisKeys.deadLetterTally(), RedisKeys.deadLetterGroupSummary(error.fingerprint())};
        redis.call(r -> APPLY.runForLong(
                r,
                keys,
                Integer.toString(delta),
                TallyFields.fingerprint(error.fingerprint()),
                contract == null ? "" : TallyFields.contract(contract),
                agent == null ? "" : TallyFields.agent(agent),
                error.classification().name(),
                error.type(),
                error.message(),
                Long.toString(at)));
    }
}
