package dev.agentqueue.api.task;

import static dev.agentqueue.api.problem.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code wait} of a long-polling task read. */
class TaskWaitTest {

    @Test
    void aWaitIsADurationOfUpToAMinute() {
        assertThat(TaskWait.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(TaskWait.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(TaskWait.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(TaskWait.parse("0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-1s", "61s", "2m", "1h", "30 seconds", "PT-1S", "P1000000000000D"})
    void anythingElseIsRefusedNamingTheParameter(String wait) {
        assertRefused(() -> TaskWait.parse(wait), "wait", "wait must be a duration from 0 to 60s");
    }
}
