package dev.agentqueue.dlq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dead-letter tally counted afresh, one browsed letter at a time: its memory grows with the number of distinct
 * fingerprints, agents and contracts, never with the number of letters.
 */
final class TallyRecount {

    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, FingerprintCount> groups = new LinkedHashMap<>();

    /** Counts one letter. */
    void add(DeadLetter letter) {
        counts.merge(DeadLetterTally.TOTAL, 1L, Long::sum);
        counts.merge(TallyFields.fingerprint(letter.error().fingerprint()), 1L, Long::sum);
        if (letter.contract() != null) {
            counts.merge(TallyFields.contract(letter.contract()), 1L, Long::sum);
        }
        if (letter.agent() != null) {
            counts.merge(TallyFields.agent(letter.agent()), 1L, Long::sum);
        }
        groups.merge(letter.error().fingerprint(), FingerprintCount.first(letter), (group, one) -> group.add(letter));
    }

    /** Returns the counted fields and their counts. */
    Map<String, Long> counts() {
        return counts;
    }

    /** Returns the fingerprint groups in the order first seen. */
    List<FingerprintCount> groups() {
        return new ArrayList<>(groups.values());
    }

    /** Returns the number of letters counted. */
    long total() {
        return counts.getOrDefault(DeadLetterTally.TOTAL, 0L);
    }
}
