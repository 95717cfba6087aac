package dev.agentqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.task.ErrorClassification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier() {
        private final Map<String, List<String>> overrides = Map.of(
                "custom.v1.terminal-errors", List.of(IllegalStateException.class.getName()),
                "custom.v1.retryable-errors", List.of(IllegalArgumentException.class.getName()));

        @Override
        List<String> names(String contract, String kind) {
            return overrides.getOrDefault(contract + "." + kind, List.of());
        }
    };

    @Test
    void explicitExceptionsDecide() {
        assertThat(classify("any", new TerminalTaskException("auth failed"))).isEqualTo(ErrorClassification.TERMINAL);
        assertThat(classify("any", new RetryableTaskException("busy"))).isEqualTo(ErrorClassification.RETRYABLE);
    }

    @Test
    void anExplicitExceptionDeepInTheCauseChainStillDecides() {
        RuntimeException wrapped = new RuntimeException(new IOException(new TerminalTaskException("401")));

        assertThat(classify("any", wrapped)).isEqualTo(ErrorClassification.TERMINAL);
    }

    @Test
    void badArgumentsAreTerminalAndIoErrorsAndTimeoutsRetryable() {
        assertThat(classify("any", new IllegalArgumentException("x"))).isEqualTo(ErrorClassification.TERMINAL);
        assertThat(classify("any", new UncheckedIOException(new IOException("reset"))))
                .isEqualTo(ErrorClassification.RETRYABLE);
        assertThat(classify("any", new TaskTimeoutException(java.time.Duration.ofSeconds(1), null)))
                .isEqualTo(ErrorClassification.RETRYABLE);
    }

    @Test
    void unknownFailuresAreRetriedWithinTheAttemptBudget() {
        assertThat(classify("any", new IllegalStateException("?"))).isEqualTo(ErrorClassification.RETRYABLE);
    }

    @Test
    void perContractOverridesBeatTheDefaults() {
        assertThat(classify("custom.v1", new IllegalStateException("?"))).isEqualTo(ErrorClassification.TERMINAL);
        assertThat(classify("custom.v1", new IllegalArgumentException("?"))).isEqualTo(ErrorClassification.RETRYABLE);
    }

    private ErrorClassification classify(String contract, Throwable failure) {
        return classifier.classify(contract, failure);
    }
}
