package dev.agentqueue.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.probes.ReadinessReport.Dependency;
import org.junit.jupiter.api.Test;

/** Readiness needs every dependency up, and says which one is down and why. */
class ReadinessReportTest {

    @Test
    void readyWhenRedisAndTheBrokerAreBothUp() {
        ReadinessReport report = ReadinessReport.of(Dependency.up("redis"), Dependency.up("broker"));

        assertThat(report.up()).isTrue();
        assertThat(report.data())
                .containsOnly(
                        org.assertj.core.api.Assertions.entry("redis", "UP"),
                        org.assertj.core.api.Assertions.entry("broker", "UP"));
    }

    @Test
    void notReadyWhileOneDependencyIsDownNamingItsReason() {
        ReadinessReport report =
                ReadinessReport.of(Dependency.up("redis"), Dependency.down("broker", "queue not found"));

        assertThat(report.up()).isFalse();
        assertThat(report.data())
                .containsEntry("broker", "DOWN")
                .containsEntry("broker.detail", "queue not found")
                .containsEntry("redis", "UP");
    }
}
