package dev.agentqueue.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoveRouteTest {

    @Test
    void theBrokerMovesFromAQueueSmallEnoughToBeInMemory() {
        assertThat(MoveRoute.choose(2_000, 2_000)).isEqualTo(MoveRoute.BROKER_MOVE);
        assertThat(MoveRoute.choose(0, 0)).isEqualTo(MoveRoute.BROKER_MOVE);
    }

    @Test
    void aLargerQueueIsWalkedWhateverTheFilterMatches() {
        assertThat(MoveRoute.choose(2_001, 2_000)).isEqualTo(MoveRoute.WALK);
        assertThat(MoveRoute.choose(1, 0)).isEqualTo(MoveRoute.WALK);
    }
}
