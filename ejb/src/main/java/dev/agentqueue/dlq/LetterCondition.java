package dev.agentqueue.dlq;

import dev.agentqueue.messaging.MessageProperties;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One condition on a dead letter, written once and read two ways: as JMS selector text, for the broker to match, and
 * as a test of a letter's fields, for a walk of the queue to match the same letters in Java. A property missing from
 * a letter fails every condition on it, as SQL's unknown does in a selector.
 */
interface LetterCondition {

    /** Returns the condition as selector text. */
    String selector();

    /** Tells whether a letter with these fields meets the condition. */
    boolean test(LetterFields letter);

    /** A letter whose string property {@code property} is {@code value}. */
    static LetterCondition equal(String property, String value) {
        return of(property + " = " + literal(value), property, Set.of(value));
    }

    /** A letter whose string property {@code property} is one of {@code values}; none when the set is empty. */
    static LetterCondition in(String property, Set<String> values) {
        String selector = values.isEmpty()
                ? "1 = 0"
                : property + " IN ("
                        + values.stream().map(LetterCondition::literal).collect(Collectors.joining(", ")) + ")";
        return of(selector, property, values);
    }

    private static LetterCondition of(String selector, String property, Set<String> values) {
        return new LetterCondition() {
            @Override
            public String selector() {
                return selector;
            }

            @Override
            public boolean test(LetterFields letter) {
                // A number or boolean never equals a string literal in a selector either.
                return letter.property(property) instanceof String value && values.contains(value);
            }
        };
    }

    /**
     * A letter dead-lettered at or before {@code epochMillis}. A letter the broker moved itself has no time of its
     * own: its message's timestamp (when it was last sent to the task queue) stands in for it.
     */
    static LetterCondition deadBy(long epochMillis) {
        return deadAt("<=", epochMillis);
    }

    /** A letter dead-lettered at or after {@code epochMillis}, read as {@link #deadBy} reads it. */
    static LetterCondition deadSince(long epochMillis) {
        return deadAt(">=", epochMillis);
    }

    private static LetterCondition deadAt(String comparison, long epochMillis) {
        String at = MessageProperties.DEAD_LETTERED_AT;
        return new LetterCondition() {
            @Override
            public String selector() {
                return "(" + at + " " + comparison + " " + epochMillis + " OR (" + at + " IS NULL AND JMSTimestamp "
                        + comparison + " " + epochMillis + "))";
            }

            @Override
            public boolean test(LetterFields letter) {
                Object value = letter.property(at);
                long time;
                if (value == null) {
                    time = letter.timestamp();
                } else if (value instanceof Number number) {
                    time = number.longValue();
                } else {
                    return false; // a selector compares numbers only
                }
                return comparison.equals("<=") ? time <= epochMillis : time >= epochMillis;
            }
        };
    }

    /** Returns the selector of all {@code conditions} together; {@code null} (every letter) when there are none. */
    static String selector(List<LetterCondition> conditions) {
        return conditions.isEmpty()
                ? null
                : conditions.stream().map(LetterCondition::selector).collect(Collectors.joining(" AND "));
    }

    /** Tells whether a letter meets all {@code conditions}. */
    static boolean test(List<LetterCondition> conditions, LetterFields letter) {
        return conditions.stream().allMatch(condition -> condition.test(letter));
    }

    /** Quotes a string for a selector; a quote inside is doubled, as SQL-92 (and JMS) require. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
