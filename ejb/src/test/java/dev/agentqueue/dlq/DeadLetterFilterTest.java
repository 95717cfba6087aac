package dev.agentqueue.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    @Test
    void allHasNoSelector() {
        assertThat(DeadLetterFilter.ALL.selector()).isNull();
        assertThat(DeadLetterFilter.ALL.isAll()).isTrue();
    }

    @Test
    void everyGivenCriterionMustMatch() {
        DeadLetterFilter filter = new DeadLetterFilter("agentqueue.job.v1", null, "abc", Set.of("id-1"));

        assertThat(filter.selector())
                .isEqualTo("agentqueue_contract = 'agentqueue.job.v1' AND agentqueue_error_fingerprint = 'abc'"
                        + " AND agentqueue_task_id IN ('id-1')");
    }

    @Test
    void aRedriveSelectorLeavesLettersDeadLetteredAfterItsStartAlone() {
        assertThat(DeadLetterFilter.ALL.selectorUntil(42))
                .isEqualTo("(agentqueue_dead_lettered_at <= 42 OR (agentqueue_dead_lettered_at IS NULL"
                        + " AND JMSTimestamp <= 42))");
        assertThat(new DeadLetterFilter(null, null, "abc", null).selectorUntil(42))
                .startsWith("agentqueue_error_fingerprint = 'abc' AND (");
    }

    @Test
    void aPageSelectorLetsTheBrokerSkipLettersOlderThanTheCursor() {
        assertThat(new DeadLetterFilter(null, "a", null, null).selectorFrom(42))
                .isEqualTo("agentqueue_agent = 'a' AND (agentqueue_dead_lettered_at >= 42 OR"
                        + " (agentqueue_dead_lettered_at IS NULL AND JMSTimestamp >= 42))");
    }

    @Test
    void quotesInValuesCannotEndTheLiteral() {
        assertThat(new DeadLetterFilter(null, "x' OR '1'='1", null, null).selector())
                .isEqualTo("agentqueue_agent = 'x'' OR ''1''=''1'");
    }
}
