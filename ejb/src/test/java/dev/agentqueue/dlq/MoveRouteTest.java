package dev.agentqueue.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MoveRouteTest {

    @Test
    void theBrokerMovesWhenItWouldPassOverFewLetters() {
        assertThat(MoveRoute.choose(100_000, OptionalLong.of(99_000), 2_000)).isEqualTo(MoveRoute.BROKER_MOVE);
        assertThat(MoveRoute.choose(1_500, OptionalLong.empty(), 2_000)).isEqualTo(MoveRoute.BROKER_MOVE);
    }

    @Test
    void aNarrowFilterOfALargeQueueWalksIt() {
        assertThat(MoveRoute.choose(100_000, OptionalLong.of(10_000), 2_000)).isEqualTo(MoveRoute.WALK);
        assertThat(MoveRoute.choose(100_000, OptionalLong.of(90_000), 2_000))
                .as("even a group of nine tenths would leave 10,000 letters in memory")
                .isEqualTo(MoveRoute.WALK);
    }

    @Test
    void aFilterTheTallyCannotCountIsTakenToMatchNothing() {
        assertThat(MoveRoute.choose(2_001, OptionalLong.empty(), 2_000)).isEqualTo(MoveRoute.WALK);
    }

    @Test
    void aLimitOfZeroWalksForAnyLetterLeftBehind() {
        assertThat(MoveRoute.choose(10, OptionalLong.of(10), 0)).isEqualTo(MoveRoute.BROKER_MOVE);
        assertThat(MoveRoute.choose(10, OptionalLong.of(9), 0)).isEqualTo(MoveRoute.WALK);
    }
}
