package dev.agentqueue.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat token estimate heuristic. */
class TokenEstimatesTest {

    @Test
    void aChatCallIsEstimatedAtATokenPerFourCharactersPlusFramingPlusItsMostOutput() {
        assertThat(TokenEstimates.ofChat(List.of("You are terse.", "hello there"), 64))
                // 14 characters: 4 tokens; 11 characters: 3 tokens; 4 per message; 64 out.
                .isEqualTo(4 + 3 + 8 + 64);
    }

    @Test
    void anEmptyConversationCostsOnlyItsOutput() {
        assertThat(TokenEstimates.ofChat(List.of(), 256)).isEqualTo(256);
    }
}
