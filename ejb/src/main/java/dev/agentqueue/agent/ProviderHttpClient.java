package dev.agentqueue.agent;

import dev.agentqueue.support.RetryAfter;
import dev.agentqueue.trace.Tracing;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The transport LangChain4j's provider clients use here: the JDK HTTP client, like LangChain4j's own, except that
 * a non-2xx answer keeps its {@code Retry-After} header ({@link ProviderHttpException}). It is set explicitly on
 * every model, so no service loader lookup runs inside the application server. Streamed answers are read on the
 * calling thread. Each call is a
 * client span whose W3C trace context goes along as {@code traceparent}, and its status (the HTTP status, or
 * {@code timeout}, {@code unreachable}) is reported to an observer, and the headers of its answer to another.
 */
final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;
    private final Consumer<String> statusObserver;
    private final Consumer<Map<String, List<String>>> headerObserver;

    private ProviderHttpClient(
            Duration connectTimeout,
            Duration readTimeout,
            Consumer<String> statusObserver,
            Consumer<Map<String, List<String>>> headerObserver) {
        java.net.http.HttpClient.Builder builder =
                java.net.http.HttpClient.newBuilder().followRedirects(Redirect.NORMAL);
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.delegate = builder.build();
        this.readTimeout = readTimeout;
        this.statusObserver = statusObserver;
        this.headerObserver = headerObserver;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(), HttpResponse::body);
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    /**
     * Streams an answer as Server-Sent Events on the calling thread: the listener hears every event before this
     * returns, so a streamed call runs under its attempt's timeout like any other.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        HttpResponse<InputStream> response;
        try {
            response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), ProviderHttpClient::drain);
        } catch (RuntimeException e) {
            listener.onError(e);
            return;
        }
        listener.onOpen(SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .build());
        try (InputStream body = response.body()) {
            parser.parse(body, listener);
            listener.onClose();
        } catch (IOException | RuntimeException e) {
            listener.onError(e);
        }
    }

    /** Sends a request; a non-2xx answer throws {@link ProviderHttpException} with what {@code errorBody} reads. */
    private <T> HttpResponse<T> exchange(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, Function<HttpResponse<T>, String> errorBody) {
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .method(
                        request.method().name(),
                        request.body() == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> jdk.header(name, value)));
        if (readTimeout != null) {
            jdk.timeout(readTimeout);
        }
        Span span = Tracing.span(request.method().name(), SpanKind.CLIENT)
                .setAttribute("http.request.method", request.method().name())
                .setAttribute("url.full", request.url())
                .startSpan();
        HttpResponse<T> response;
        try (Scope ignored = span.makeCurrent()) {
            Tracing.inject(jdk::header);
            response = send(jdk.build(), handler);
            span.setAttribute("http.response.status_code", response.statusCode());
            if (response.statusCode() >= 400) {
                span.setStatus(StatusCode.ERROR);
            }
            statusObserver.accept(Integer.toString(response.statusCode()));
            headerObserver.accept(response.headers().map());
        } catch (RuntimeException e) {
            Tracing.failed(span, e);
            statusObserver.accept(e instanceof TimeoutException ? "timeout" : "unreachable");
            throw e;
        } finally {
            span.end();
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new ProviderHttpException(
                    response.statusCode(),
                    errorBody.apply(response),
                    RetryAfter.of(response.headers()).orElse(null));
        }
        return response;
    }

    private <T> HttpResponse<T> send(java.net.http.HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return delegate.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException(e);
        }
    }

    /** Reads the body of a streamed answer that failed, for its error message. */
    private static String drain(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Builds {@link ProviderHttpClient}s; the model builders set the timeouts. */
    static final class Builder implements HttpClientBuilder {

        private final Consumer<String> statusObserver;
        private final Consumer<Map<String, List<String>>> headerObserver;
        private Duration connectTimeout;
        private Duration readTimeout;

        /**
         * Starts a builder whose clients report each call's status to {@code statusObserver} and the headers of each
         * answer to {@code headerObserver}.
         */
        Builder(Consumer<String> statusObserver, Consumer<Map<String, List<String>>> headerObserver) {
            this.statusObserver = statusObserver;
            this.headerObserver = headerObserver;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(connectTimeout, readTimeout, statusObserver, headerObserver);
        }
    }
}
