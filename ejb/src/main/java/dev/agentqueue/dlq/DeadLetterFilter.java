package dev.agentqueue.dlq;

import dev.agentqueue.messaging.MessageProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters an operation applies to: any of contract, agent, error fingerprint and task ids (all given
 * must match). It becomes a JMS message selector, so the broker does the matching, or a {@link LetterMatch}, which
 * a walk of the queue tests in Java against the same properties.
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
        return LetterCondition.selector(conditions());
    }

    /**
     * Returns the selector restricted to letters dead-lettered at or before {@code epochMillis}: a task redriven
     * after that and dead-lettered again is not matched a second time.
     */
    public String selectorUntil(long epochMillis) {
        return until(epochMillis).selector();
    }

    /** Returns the letters this filter matches that were dead-lettered at or before {@code epochMillis}. */
    public LetterMatch until(long epochMillis) {
        return new LetterMatch(this, epochMillis, null);
    }

    /**
     * Returns the selector restricted to letters dead-lettered at or after {@code epochMillis}, so a page after a
     * cursor is chosen among those only. (JMS selectors cannot compare strings by order, so ties on the task id are
     * settled by the caller.)
     */
    public String selectorFrom(long epochMillis) {
        List<LetterCondition> conditions = conditions();
        conditions.add(LetterCondition.deadSince(epochMillis));
        return LetterCondition.selector(conditions);
    }

    /** Returns this filter's conditions, in a list the caller may add to. */
    List<LetterCondition> conditions() {
        List<LetterCondition> conditions = new ArrayList<>();
        if (contract != null) {
            conditions.add(LetterCondition.equal(MessageProperties.CONTRACT, contract));
        }
        if (agent != null) {
            conditions.add(LetterCondition.equal(MessageProperties.AGENT, agent));
        }
        if (fingerprint != null) {
            conditions.add(LetterCondition.equal(MessageProperties.ERROR_FINGERPRINT, fingerprint));
        }
        if (taskIds != null) {
            conditions.add(LetterCondition.in(MessageProperties.TASK_ID, taskIds));
        }
        return conditions;
    }
}
