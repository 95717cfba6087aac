package dev.agentqueue.dlq;

import static dev.agentqueue.dlq.DeadLetterBuilder.aDeadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TallyRecountTest {

    @Test
    void aRecountCountsEachLetterUnderItsFingerprintContractAndAgentAndKeepsEachGroupsTimeRange() {
        TallyRecount recount = new TallyRecount();
        List.of(
                        aDeadLetter().withAgent("a").at(5).build(),
                        aDeadLetter().withAgent("a").at(2).build(),
                        aDeadLetter().withError("Other", "boom").at(9).build())
                .forEach(recount::add);

        String bad = aDeadLetter().build().error().fingerprint();
        String other = aDeadLetter().withError("Other", "boom").build().error().fingerprint();
        assertThat(recount.total()).isEqualTo(3);
        assertThat(recount.counts())
                .containsEntry(TallyFields.fingerprint(bad), 2L)
                .containsEntry(TallyFields.fingerprint(other), 1L)
                .containsEntry(TallyFields.agent("a"), 2L)
                .containsEntry(TallyFields.contract("agentqueue.job.v1"), 3L);
        FingerprintCount group = recount.groups().get(0);
        assertThat(group.count()).isEqualTo(2);
        assertThat(group.firstDeadLetteredAt()).isEqualTo(2);
        assertThat(group.lastDeadLetteredAt()).isEqualTo(5);
    }

    @Test
    void theTallyCountsAllLettersOrOneNamedFieldButNotIdsOrCombinations() {
        assertThat(TallyFields.of(DeadLetterFilter.ALL)).isEqualTo(DeadLetterTally.TOTAL);
        assertThat(TallyFields.of(new DeadLetterFilter(null, "a", null, null))).isEqualTo("agent:a");
        assertThat(TallyFields.of(new DeadLetterFilter(null, null, "f", null))).isEqualTo("fp:f");
        assertThat(TallyFields.of(new DeadLetterFilter("c", "a", null, null))).isNull();
        assertThat(TallyFields.of(DeadLetterFilter.ofIds(Set.of("x")))).isNull();
    }
}
