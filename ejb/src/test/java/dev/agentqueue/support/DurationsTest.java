package dev.agentqueue.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortFormsAndIsoDurationsAreUnderstood() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse(" 3 H ")).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void nonsenseIsRefusedWithAnExample() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("e.g.");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("e.g.");
        assertThatThrownBy(() -> Durations.parse("5x")).hasMessageContaining("e.g.");
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("e.g.");
        assertThatThrownBy(() -> Durations.parse("5s5")).hasMessageContaining("e.g.");
    }
}
