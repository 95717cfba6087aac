package dev.agentqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.worker.Outcome.Completed;
import dev.agentqueue.worker.Outcome.Deferred;
import dev.agentqueue.worker.Outcome.RetryLater;
import dev.agentqueue.worker.Outcome.Terminal;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** The tokens an admitted call is settled with, for each way its delivery can end. */
class TokenSettlementTest {

    private static final TaskError ERROR = TaskError.of(ErrorClassification.RETRYABLE, "Timeout", "slow");

    @Test
    void aCompletedCallIsSettledWithTheUsageItsResultReports() {
        Completed completed = new Completed(
                Json.createObjectBuilder()
                        .add(
                                "usage",
                                Json.createObjectBuilder()
                                        .add("input_tokens", 70)
                                        .add("output_tokens", 12))
                        .build(),
                "[]");

        assertThat(TokenSettlement.tokensUsed(completed, 300)).isEqualTo(82);
    }

    @Test
    void aResultWithoutUsageKeepsTheEstimate() {
        assertThat(TokenSettlement.tokensUsed(new Completed(JsonValue.NULL, "[]"), 300))
                .isEqualTo(300);
    }

    @Test
    void aFailedAttemptThatRanKeepsTheEstimateBecauseTheProviderMayHaveCountedIt() {
        assertThat(TokenSettlement.tokensUsed(new RetryLater(ERROR, 1000, false, "[]"), 300))
                .isEqualTo(300);
        assertThat(TokenSettlement.tokensUsed(new Terminal(ERROR, 1, true, "[]", false), 300))
                .isEqualTo(300);
        assertThat(TokenSettlement.tokensUsed(null, 300)).isEqualTo(300);
    }

    @Test
    void aDeliveryThatNeverRanItsContractGivesBackTheWholeReservation() {
        assertThat(TokenSettlement.tokensUsed(new Deferred(0, 1, "renumbered"), 300))
                .isZero();
        assertThat(TokenSettlement.tokensUsed(new Terminal(ERROR, 1, false, "[]", false), 300))
                .isZero();
    }
}
