package dev.agentqueue.dlq;

import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.task.ErrorClassification;
import jakarta.jms.Message;
import java.util.List;

/**
 * The letters a redrive or purge by filter takes: those {@code filter} matches that were dead-lettered at or before
 * {@code until} (epoch ms), and only those of {@code classification} when it is given. One list of
 * {@link LetterCondition}s is both the broker's selector and the walk's test, so the two cannot disagree.
 */
public record LetterMatch(DeadLetterFilter filter, long until, ErrorClassification classification) {

    /** Returns the letters of this match that are also of {@code classification}. */
    public LetterMatch withClassification(ErrorClassification classification) {
        return new LetterMatch(filter, until, classification);
    }

    /** Returns the JMS selector of these letters. */
    public String selector() {
        return LetterCondition.selector(conditions());
    }

    /** Tells whether {@code message}, a dead letter, is one of these letters. */
    public boolean matches(Message message) {
        return matches(LetterFields.of(message));
    }

    boolean matches(LetterFields letter) {
        return LetterCondition.test(conditions(), letter);
    }

    private List<LetterCondition> conditions() {
        List<LetterCondition> conditions = filter.conditions();
        conditions.add(LetterCondition.deadBy(until));
        if (classification != null) {
            conditions.add(LetterCondition.equal(MessageProperties.ERROR_CLASSIFICATION, classification.name()));
        }
        return conditions;
    }
}
