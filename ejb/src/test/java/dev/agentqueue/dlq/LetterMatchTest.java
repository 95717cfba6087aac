package dev.agentqueue.dlq;

import static dev.agentqueue.dlq.LetterFieldsBuilder.aLetter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.task.ErrorClassification;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The walk's test of a letter agrees with the selector the broker is given for the same match. */
class LetterMatchTest {

    private static final DeadLetterFilter GROUP = new DeadLetterFilter("c", "a", "fp", null);

    @Test
    void aLetterOfTheGroupDeadBeforeTheCutoffMatches() {
        LetterFields letter = aLetter()
                .with(MessageProperties.CONTRACT, "c")
                .with(MessageProperties.AGENT, "a")
                .with(MessageProperties.ERROR_FINGERPRINT, "fp")
                .with(MessageProperties.DEAD_LETTERED_AT, 40L)
                .build();

        assertThat(GROUP.until(42).matches(letter)).isTrue();
        assertThat(GROUP.until(39).matches(letter)).as("dead after the cutoff").isFalse();
    }

    @Test
    void everyConditionMustHoldAndAMissingPropertyHoldsForNone() {
        LetterFields otherAgent = aLetter()
                .with(MessageProperties.CONTRACT, "c")
                .with(MessageProperties.AGENT, "b")
                .with(MessageProperties.ERROR_FINGERPRINT, "fp")
                .build();
        LetterFields noAgent = aLetter()
                .with(MessageProperties.CONTRACT, "c")
                .with(MessageProperties.ERROR_FINGERPRINT, "fp")
                .build();

        assertThat(GROUP.until(Long.MAX_VALUE).matches(otherAgent)).isFalse();
        assertThat(GROUP.until(Long.MAX_VALUE).matches(noAgent)).isFalse();
    }

    @Test
    void aLetterTheBrokerMovedItselfIsTimedByItsTimestamp() {
        LetterFields moved = aLetter().sentAt(100).build();

        assertThat(DeadLetterFilter.ALL.until(100).matches(moved)).isTrue();
        assertThat(DeadLetterFilter.ALL.until(99).matches(moved)).isFalse();
    }

    @Test
    void aValueOfAnotherTypeNeverEqualsAString() {
        LetterFields numbered = aLetter().with(MessageProperties.AGENT, 7).build();

        assertThat(new DeadLetterFilter(null, "7", null, null)
                        .until(Long.MAX_VALUE)
                        .matches(numbered))
                .isFalse();
    }

    @Test
    void taskIdsMatchAnyOfThemAndAnEmptySetMatchesNone() {
        LetterFields letter = aLetter().with(MessageProperties.TASK_ID, "t2").build();

        assertThat(DeadLetterFilter.ofIds(Set.of("t1", "t2"))
                        .until(Long.MAX_VALUE)
                        .matches(letter))
                .isTrue();
        assertThat(DeadLetterFilter.ofIds(Set.of()).until(Long.MAX_VALUE).matches(letter))
                .isFalse();
        assertThat(DeadLetterFilter.ofIds(Set.of()).selector()).isEqualTo("1 = 0");
    }

    @Test
    void aClassificationNarrowsTheMatchAndItsSelector() {
        LetterMatch retryable = GROUP.until(42).withClassification(ErrorClassification.RETRYABLE);
        LetterFields terminal = aLetter()
                .with(MessageProperties.CONTRACT, "c")
                .with(MessageProperties.AGENT, "a")
                .with(MessageProperties.ERROR_FINGERPRINT, "fp")
                .with(MessageProperties.ERROR_CLASSIFICATION, "TERMINAL")
                .sentAt(1)
                .build();

        assertThat(retryable.matches(terminal)).isFalse();
        assertThat(GROUP.until(42).matches(terminal)).isTrue();
        assertThat(retryable.selector())
                .isEqualTo(
                        "agentqueue_contract = 'c' AND agentqueue_agent = 'a' AND agentqueue_error_fingerprint = 'fp'"
                                + " AND (agentqueue_dead_lettered_at <= 42 OR (agentqueue_dead_lettered_at IS NULL"
                                + " AND JMSTimestamp <= 42)) AND agentqueue_error_classification = 'RETRYABLE'");
    }
}
