package dev.agentqueue.dlq;

import dev.agentqueue.messaging.MessageProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which dead letters an operation applies to: any of contract, agent, error fingerprint and task ids (all given
 * must match). It becomes a JMS message selector, so the broker does the matching.
 */
public record DeadLetterFilter(String contract, String agent, String fingerprint, Set<String> taskIds) {

    /** Matches every dead letter. */
    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null);

    /** Matches the dead letters of the given tasks. */
    public static DeadLetterFilter ofIds(Set<String> taskIds) {
        return new DeadLetterFilter(null, null, null, Set.copyOf(taskIds));
    }

    /** Tells whether this filter matches every dead letter. */
    public boolean isAll() {
        return contract == null && agent == null && fingerprint == null && taskIds == null;
    }

    /** Returns the JMS message selector, or {@code null} for {@link #ALL}. */
    public String selector() {
        List<String> terms = new ArrayList<>();
        equal(terms, MessageProperties.CONTRACT, contract);
        equal(terms, MessageProperties.AGENT, agent);
        equal(terms, MessageProperties.ERROR_FINGERPRINT, fingerprint);
        if (taskIds != null) {
            terms.add(
                    taskIds.isEmpty()
                            ? "1 = 0"
                            : MessageProperties.TASK_ID + " IN ("
                                    + taskIds.stream()
                                            .map(DeadLetterFilter::literal)
                                            .collect(Collectors.joining(", "))
                                    + ")");
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    /**
     * Returns the selector restricted to letters dead-lettered at or before {@code epochMillis}: a task redriven
     * after that and dead-lettered again is not matched a second time.
     */
    public String selectorUntil(long epochMillis) {
        // A letter the broker moved itself has no time of its own: its message's timestamp (when it was last sent to
        // the task queue) stands in for it.
        String until = "(" + MessageProperties.DEAD_LETTERED_AT + " <= " + epochMillis + " OR ("
                + MessageProperties.DEAD_LETTERED_AT + " IS NULL AND JMSTimestamp <= " + epochMillis + "))";
        String selector = selector();
        return selector == null ? until : selector + " AND " + until;
    }

    /**
     * Returns the selector restricted to letters dead-lettered at or after {@code epochMillis}, so a page after a
     * cursor is chosen among those only. (JMS selectors cannot compare strings by order, so ties on the task id are
     * settled by the caller.)
     */
    public String selectorFrom(long epochMillis) {
        String from = "(" + MessageProperties.DEAD_LETTERED_AT + " >= " + epochMillis + " OR ("
                + MessageProperties.DEAD_LETTERED_AT + " IS NULL AND JMSTimestamp >= " + epochMillis + "))";
        String selector = selector();
        return selector == null ? from : selector + " AND " + from;
    }

    private static void equal(List<String> terms, String property, String value) {
        if (value != null) {
            terms.add(property + " = " + literal(value));
        }
    }

    /** Quotes a string for a selector; a quote inside is doubled, as SQL-92 (and JMS) require. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
