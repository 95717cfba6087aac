package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failUntil;
import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.OtlpReceiver;
import dev.agentqueue.it.support.OtlpReceiver.ReceivedSpan;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traces through the queue: a caller's W3C {@code traceparent} travels from the REST request through the enqueue and
 * the task message to each attempt and on to the provider's HTTP call, which the fake provider sees; the server
 * exports the spans (enqueue, attempts, provider call, Redis scripts) to a collector this test runs.
 */
@ExtendWith(ArquillianExtension.class)
class TracingIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration EXPORT = Duration.ofSeconds(20);

    private static OtlpReceiver collector;
    private static FakeOpenAi provider;

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeAll
    static void start() {
        collector = OtlpReceiver.start(FakeOpenAi.port("agentqueue.it.otlp-port"));
        provider = FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port"));
    }

    @AfterAll
    static void stop() {
        provider.close();
        collector.close();
    }

    @Test
    void theCallersTraceReachesTheProviderThroughTheQueue() {
        String traceId = newTraceId();
        String message = "trace me " + UUID.randomUUID();
        String id = enqueue(AgentIT.chat("scribe", message), traceId);
        api.awaitState(id, "COMPLETED", SETTLE);

        String traceparent = provider.header(message, "traceparent").orElseThrow();
        assertThat(traceparent).startsWith("00-" + traceId + "-");

        // The server exports spans in batches as they end, and the enqueue's span may end after the attempt's on a
        // fast machine: wait for every span asserted on below, not only for the last one to be expected.
        List<ReceivedSpan> trace = awaitSpans(
                traceId,
                spans -> named(spans, "POST").size() == 1
                        && named(spans, "agentqueue attempt").size() == 1
                        && named(spans, "agentqueue enqueue").size() == 1
                        && !named(spans, "redis create-task").isEmpty()
                        && !named(spans, "redis transition").isEmpty());
        ReceivedSpan enqueue = only(trace, "agentqueue enqueue");
        ReceivedSpan attempt = only(trace, "agentqueue attempt");
        ReceivedSpan call = only(trace, "POST");
        assertThat(enqueue.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(enqueue.attribute("agentqueue.task.id")).isEqualTo(id);
        assertThat(attempt.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(attempt.parentSpanId()).isEqualTo(enqueue.spanId());
        assertThat(attempt.attribute("agentqueue.task.outcome")).isEqualTo("Completed");
        assertThat(call.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(call.attribute("http.response.status_code")).isEqualTo("200");
        // The header the provider got names the provider call's span, a descendant of the attempt.
        assertThat(traceparent).isEqualTo("00-" + traceId + "-" + call.spanId() + "-01");
        assertThat(ancestors(trace, call)).contains(attempt.spanId());
        assertThat(trace).anySatisfy(span -> {
            assertThat(span.name()).isEqualTo("redis create-task");
            assertThat(span.attribute("db.system")).isEqualTo("redis");
        });
        assertThat(named(trace, "redis transition")).isNotEmpty();
    }

    @Test
    void aRetriedTasksAttemptsStayInTheTraceOfItsEnqueue() {
        String traceId = newTraceId();
        String id = enqueue(Jobs.build(failUntil(2)), traceId);
        api.awaitState(id, "COMPLETED", SETTLE);

        List<ReceivedSpan> attempts = named(
                awaitSpans(traceId, spans -> named(spans, "agentqueue attempt").size() == 2), "agentqueue attempt");
        assertThat(attempts)
                .extracting(span -> span.attribute("agentqueue.task.attempt"))
                .containsExactlyInAnyOrder("1", "2");
        assertThat(attempts)
                .extracting(span -> span.attribute("agentqueue.task.outcome"))
                .containsExactlyInAnyOrder("RetryLater", "Completed");
    }

    @Test
    void aRedrivenTasksAttemptJoinsTheTraceOfTheRedrive() {
        String enqueueTrace = newTraceId();
        String id = enqueue(Jobs.build(failUntilRedriven("terminal", "trace " + UUID.randomUUID(), 0)), enqueueTrace);
        api.awaitDeadLetter(id, SETTLE);

        String redriveTrace = newTraceId();
        Reply reply = api.as(Role.ADMIN.apiUser())
                .request(
                        "POST",
                        "dlq/redrive",
                        "application/json",
                        Json.createObjectBuilder()
                                .add("ids", Json.createArrayBuilder().add(id))
                                .build()
                                .toString()
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of("traceparent", traceparent(redriveTrace)));
        assertThat(reply.status()).isEqualTo(200);
        api.awaitState(id, "COMPLETED", SETTLE);

        List<ReceivedSpan> redriven = named(
                awaitSpans(
                        redriveTrace,
                        spans -> named(spans, "agentqueue attempt").size() == 1),
                "agentqueue attempt");
        assertThat(redriven.get(0).attribute("agentqueue.task.outcome")).isEqualTo("Completed");
        assertThat(named(collector.trace(enqueueTrace), "agentqueue attempt"))
                .extracting(span -> span.attribute("agentqueue.task.outcome"))
                .containsExactly("Terminal");
    }

    private String enqueue(JsonObject request, String traceId) {
        Reply reply = api.request(
                "POST",
                "tasks",
                "application/json",
                request.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("traceparent", traceparent(traceId)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().getString("id");
    }

    private static List<ReceivedSpan> awaitSpans(String traceId, Predicate<List<ReceivedSpan>> complete) {
        return Deadline.await("the spans of trace " + traceId, EXPORT, () -> collector.trace(traceId), complete);
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String name) {
        List<ReceivedSpan> found = named(spans, name);
        assertThat(found).as("spans named " + name + " in " + spans).hasSize(1);
        return found.get(0);
    }

    /** Returns the span ids from {@code span}'s parent up to the root of the trace, as far as they were received. */
    private static List<String> ancestors(List<ReceivedSpan> trace, ReceivedSpan span) {
        Map<String, ReceivedSpan> byId =
                trace.stream().collect(java.util.stream.Collectors.toMap(ReceivedSpan::spanId, s -> s, (a, b) -> a));
        List<String> ancestors = new java.util.ArrayList<>();
        for (ReceivedSpan parent = byId.get(span.parentSpanId());
                parent != null;
                parent = byId.get(parent.parentSpanId())) {
            ancestors.add(parent.spanId());
        }
        return ancestors;
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }
}
