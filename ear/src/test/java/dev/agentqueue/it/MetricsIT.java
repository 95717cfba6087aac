package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.echo;
import static dev.agentqueue.it.support.Jobs.failTerminally;
import static dev.agentqueue.it.support.Jobs.failUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Prometheus;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Prometheus endpoint after a known workload: the task counters, attempt and latency histograms, queue gauges,
 * breaker state, provider calls and token usage move by exactly what the workload did. Counters are compared before
 * and after, so tasks of other tests in the same server do not matter.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Map<String, String> JOBS = Map.of("contract", Jobs.CONTRACT, "agent", "none");

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aKnownWorkloadMovesEachTaskCounterAndHistogramByWhatItDid() {
        Prometheus before = scrape();

        List<String> echoes = List.of(
                api.enqueue(Jobs.build(echo(Json.createObjectBuilder()))),
                api.enqueue(Jobs.build(echo(Json.createObjectBuilder()))),
                api.enqueue(Jobs.build(echo(Json.createObjectBuilder()))));
        String retried = api.enqueue(Jobs.build(failUntil(2)));
        String terminal = api.enqueue(Jobs.build(failTerminally("metrics " + UUID.randomUUID())));
        echoes.forEach(id -> api.awaitState(id, "COMPLETED", SETTLE));
        api.awaitState(retried, "COMPLETED", SETTLE);
        api.awaitState(terminal, "DEAD_LETTER", SETTLE);

        Prometheus after = scrape();
        assertThat(delta(before, after, "agentqueue_tasks_enqueued_total", JOBS))
                .isEqualTo(5);
        // Three echoes, the retried task twice, the terminal one once.
        assertThat(delta(before, after, "agentqueue_tasks_started_total", JOBS)).isEqualTo(6);
        assertThat(delta(before, after, "agentqueue_tasks_completed_total", JOBS))
                .isEqualTo(4);
        assertThat(delta(before, after, "agentqueue_tasks_failed_total", JOBS)).isEqualTo(1);
        assertThat(delta(before, after, "agentqueue_tasks_dead_lettered_total", with(JOBS, "reason", "terminal")))
                .isEqualTo(1);
        assertThat(delta(before, after, "agentqueue_tasks_deferred_total", JOBS))
                .isZero();
        assertThat(delta(before, after, "agentqueue_attempt_duration_seconds_count", JOBS))
                .isEqualTo(6);
        assertThat(delta(before, after, "agentqueue_task_latency_seconds_count", JOBS))
                .isEqualTo(4);
        assertThat(delta(before, after, "agentqueue_task_latency_buckets_total", with(JOBS, "le", "+Inf")))
                .isEqualTo(4);
        assertThat(delta(before, after, "agentqueue_attempt_duration_buckets_total", with(JOBS, "le", "+Inf")))
                .isEqualTo(6);
    }

    @Test
    void aChatRunCountsItsProviderCallAndTheTokensTheProviderReported() {
        try (FakeOpenAi provider = FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port"))) {
            Prometheus before = scrape();
            String id = api.enqueue(AgentIT.chat("scribe", "count me " + UUID.randomUUID()));
            JsonObject usage = api.awaitState(id, "COMPLETED", SETTLE)
                    .getJsonObject("result")
                    .getJsonObject("usage");
            Prometheus after = scrape();

            Map<String, String> scribe = Map.of("agent", "scribe", "model", FakeOpenAi.MODEL);
            assertThat(delta(before, after, "agentqueue_provider_calls_total", with(scribe, "status", "200")))
                    .isEqualTo(1);
            assertThat(delta(before, after, "agentqueue_tokens_total", with(scribe, "direction", "input")))
                    .isEqualTo(usage.getInt("input_tokens"));
            assertThat(delta(before, after, "agentqueue_tokens_total", with(scribe, "direction", "output")))
                    .isEqualTo(usage.getInt("output_tokens"));
            String breaker = "openai-127.0.0.1-" + FakeOpenAi.port("agentqueue.it.llm-port");
            assertThat(after.samples("agentqueue_breaker_state")).anySatisfy(sample -> {
                assertThat(sample.labels()).containsEntry("breaker", breaker);
                assertThat(sample.value()).isZero();
            });
            assertThat(provider.requests()).isEqualTo(1);
        }
    }

    @Test
    void theQueueGaugesShowAScheduledTaskAndTheDeadLetterDepthTheBrokerReports() {
        String id = api.enqueue(
                echo(Json.createObjectBuilder()).add("delayMs", 3_000).build());

        Deadline.await(
                "the scheduled gauge to show the delayed task",
                Duration.ofSeconds(10),
                MetricsIT::scrape,
                scrape -> scrape.value("agentqueue_queue_scheduled", Map.of()) >= 1
                        && scrape.value("agentqueue_queue_depth", Map.of()) >= 1);
        api.awaitState(id, "COMPLETED", SETTLE);
        // Compare with the broker's count read each time: leftover work from earlier tests can still move it.
        Deadline.await(
                "the DLQ gauge to match the broker's count",
                Duration.ofSeconds(10),
                MetricsIT::scrape,
                scrape -> scrape.value("agentqueue_dlq_depth", Map.of())
                        == api.deadLetterQueue().getJsonNumber("depth").longValue());
    }

    private static Prometheus scrape() {
        return Prometheus.scrape(Deployments.managementUrl("/prometheus"));
    }

    private static double delta(Prometheus before, Prometheus after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }
}
