package dev.agentqueue.dlq.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedriveJobStateTest {

    @Test
    void onlyAJobWaitingAfterItsCanaryOrAlreadyRedrivingCanGoOnRedriving() {
        assertThat(RedriveJobState.REDRIVING.sources())
                .containsExactlyInAnyOrder(RedriveJobState.CANARY, RedriveJobState.AWAITING_CONFIRMATION);
    }

    @Test
    void anEndedJobMovesNowhereAndCannotBeCancelled() {
        for (RedriveJobState ended :
                new RedriveJobState[] {RedriveJobState.COMPLETED, RedriveJobState.STOPPED, RedriveJobState.CANCELLED}) {
            assertThat(ended.isFinal()).isTrue();
            assertThat(RedriveJobState.CANCELLED.sources()).doesNotContain(ended);
        }
    }

    @Test
    void onlyACanaryCanBeStopped() {
        assertThat(RedriveJobState.STOPPED.sources()).containsExactly(RedriveJobState.CANARY);
    }
}
