package dev.agentqueue.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one place spans are made and trace context is written and read, in the W3C format ({@code traceparent},
 * {@code tracestate}). Static, because the Redis scripts and the provider's HTTP client that open spans are not CDI
 * beans; the server's OpenTelemetry is handed in at start-up ({@link TracingSetup}), and until then, or on a server
 * without it, every span is a no-op.
 */
public final class Tracing {

    /** The instrumentation scope of agentqueue's spans. */
    public static final String SCOPE = "dev.agentqueue";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static volatile Tracer tracer = OpenTelemetry.noop().getTracer(SCOPE);

    private Tracing() {}

    /** Uses {@code openTelemetry} for every span from now on. */
    static void use(OpenTelemetry openTelemetry) {
        tracer = openTelemetry.getTracer(SCOPE);
    }

    /** Returns a builder for a span of {@code kind} named {@code name}, a child of the current span by default. */
    public static SpanBuilder span(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind);
    }

    /** Writes the current trace context, if there is one, through {@code setter} (header or property name, value). */
    public static void inject(BiConsumer<String, String> setter) {
        W3C.inject(Context.current(), setter, (carrier, key, value) -> carrier.accept(key, value));
    }

    /** Returns the trace context {@code getter} reads (by header or property name); the root context when none. */
    public static Context extract(Function<String, String> getter) {
        return W3C.extract(Context.root(), getter, GETTER);
    }

    /** Runs {@code work} in {@code span}, records a failure on it, and ends it. */
    public static <T, E extends Exception> T within(Span span, Work<T, E> work) throws E {
        try (Scope ignored = span.makeCurrent()) {
            return work.run();
        } catch (Exception | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks {@code span} failed by {@code failure}. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }

    /** Work run inside a span. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.copyOf(W3C.fields());
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };
}
