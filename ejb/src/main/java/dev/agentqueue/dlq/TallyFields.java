package dev.agentqueue.dlq;

import java.util.Map;

/** Names the fields of the dead-letter tally and reads a fingerprint group back from Redis. */
final class TallyFields {

    static final String FINGERPRINT = "fp:";
    static final String AGENT = "agent:";
    static final String CONTRACT = "contract:";

    private TallyFields() {}

    static String fingerprint(String fingerprint) {
        return FINGERPRINT + fingerprint;
    }

    static String agent(String agent) {
        return AGENT + agent;
    }

    static String contract(String contract) {
        return CONTRACT + contract;
    }

    /**
     * Returns the field counting what {@code filter} matches: the total for all letters, or the one field it names;
     * {@code null} when it names ids or more than one field, which the tally does not count.
     */
    static String of(DeadLetterFilter filter) {
        if (filter.taskIds() != null) {
            return null;
        }
        if (filter.isAll()) {
            return DeadLetterTally.TOTAL;
        }
        int named = (filter.contract() == null ? 0 : 1)
                + (filter.agent() == null ? 0 : 1)
                + (filter.fingerprint() == null ? 0 : 1);
        if (named != 1) {
            return null;
        }
        if (filter.fingerprint() != null) {
            return fingerprint(filter.fingerprint());
        }
        return filter.agent() != null ? agent(filter.agent()) : contract(filter.contract());
    }

    /** Reads a fingerprint group from its hash; one removed meanwhile reads as unknown rather than failing. */
    static FingerprintCount group(String fingerprint, long count, Map<String, String> hash) {
        return new FingerprintCount(
                fingerprint,
                count,
                hash.getOrDefault("classification", "RETRYABLE"),
                hash.getOrDefault("type", "unknown"),
                hash.getOrDefault("message", ""),
                Long.parseLong(hash.getOrDefault("first", "0")),
                Long.parseLong(hash.getOrDefault("last", "0")));
    }
}
