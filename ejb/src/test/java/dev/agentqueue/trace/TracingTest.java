package dev.agentqueue.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The W3C trace context survives being written out and read back, as it does through a task message. */
class TracingTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceContextReadFromACarrierIsWrittenBackUnchanged() {
        Context context = Tracing.extract(Map.of("traceparent", TRACEPARENT)::get);
        Map<String, String> written = new HashMap<>();

        try (Scope ignored = context.makeCurrent()) {
            Tracing.inject(written::put);
        }

        assertThat(written).containsEntry("traceparent", TRACEPARENT);
        assertThat(Span.fromContext(context).getSpanContext().isRemote()).isTrue();
    }

    @Test
    void noTraceContextWritesNothingAndAMalformedOneReadsAsNone() {
        Map<String, String> written = new HashMap<>();
        Tracing.inject(written::put);

        assertThat(written).isEmpty();
        assertThat(Span.fromContext(Tracing.extract(Map.of("traceparent", "garbage")::get))
                        .getSpanContext()
                        .isValid())
                .isFalse();
    }
}
