package dev.agentqueue.agent;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/** A provider's non-2xx answer, keeping what LangChain4j's own exception drops: the {@code Retry-After} header. */
public class ProviderHttpException extends HttpException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public ProviderHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** Returns the wait the provider asked for, if it sent {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
