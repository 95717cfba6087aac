package dev.agentqueue.testsupport.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * HTTP calls to the paths under one base URL, as one user (or none), each answered with a {@link Reply}. Every
 * endpoint shares one {@link HttpClient} and its connection pool, and the {@code Authorization} header is built once
 * per endpoint, so a call costs a request and nothing more: the benchmark measures through this class.
 */
public final class RestEndpoint {

    /** How long a request may take unless told otherwise with {@link #withTimeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            // HTTP/1.1: a long admin call must not ride an h2c upgrade the server may end with GOAWAY.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final String authorization;
    private final Duration timeout;

    private RestEndpoint(URI base, String authorization, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /** Returns the endpoint under {@code base} (ending in {@code /}), calling as {@code user} or, when null, as no one. */
    public static RestEndpoint at(URI base, ApiUser user) {
        return new RestEndpoint(base, user == null ? null : user.authorization(), DEFAULT_TIMEOUT);
    }

    /** Returns this endpoint calling as {@code user} or, when null, sending no credentials. */
    public RestEndpoint as(ApiUser user) {
        return new RestEndpoint(base, user == null ? null : user.authorization(), timeout);
    }

    /** Returns this endpoint with another per-request timeout. */
    public RestEndpoint withTimeout(Duration timeout) {
        return new RestEndpoint(base, authorization, timeout);
    }

    /** Returns the URL that {@code path} resolves to. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** Sends {@code GET path}. */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Sends {@code POST path} with a body of the given type. */
    public Reply post(String path, String contentType, String body) {
        return send(post(uri(path), contentType, body));
    }

    /** Sends {@code POST path} without waiting for the answer. */
    public CompletableFuture<Reply> postAsync(String path, String contentType, String body) {
        return HTTP.sendAsync(prepare(post(uri(path), contentType, body)), HttpResponse.BodyHandlers.ofString())
                .thenApply(Reply::of);
    }

    /** Sends {@code DELETE path}. */
    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * Sends any request as given: {@code rawPath} is appended to the base unresolved (so it may hold encoded dots,
     * slashes or NULs), a {@code null} body sends none, and {@code headers} are added as they are.
     */
    public Reply request(String method, String rawPath, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPath))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Sends {@code GET path} with {@code headers} and answers as soon as the headers arrive, with the body as a stream
     * of lines read as they come (a Server-Sent Events stream); the request timeout applies until the headers.
     */
    public HttpResponse<Stream<String>> getLines(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(builder::header);
        HttpRequest request = prepare(builder);
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Tells whether {@code GET path} answers 200, and false as well when no answer comes (a server down or booting).
     */
    public boolean answersOk(String path) {
        try {
            return HTTP.send(prepare(HttpRequest.newBuilder(uri(path)).GET()), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest.Builder post(URI uri, String contentType, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest prepare(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.timeout(timeout).build();
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = prepare(builder);
        try {
            return Reply.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
