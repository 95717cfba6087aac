package dev.agentqueue.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keeps tag values to a known set: a name from a message (a plain JMS producer may send any contract or agent) is a
 * tag only when {@code known} accepts it, else it counts as {@value #OTHER}; no name is {@value #NONE}. Without this a
 * stream of made-up names would make a new time series each.
 */
final class MeterTags {

    static final String NONE = "none";
    static final String OTHER = "other";

    /** Answers kept per name; names are few, and the made-up ones stop being remembered past this many. */
    private static final int REMEMBERED = 1_000;

    private final Predicate<String> known;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    MeterTags(Predicate<String> known) {
        this.known = known;
    }

    /** Returns the tag value for {@code name}. */
    String of(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        Boolean isKnown = answers.get(name);
        if (isKnown == null) {
            isKnown = known.test(name);
            if (answers.size() < REMEMBERED) {
                answers.put(name, isKnown);
            }
        }
        return isKnown ? name : OTHER;
    }
}
