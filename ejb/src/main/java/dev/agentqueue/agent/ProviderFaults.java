package dev.agentqueue.agent;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TerminalTaskException;
import dev.langchain4j.exception.HttpException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Translates what a provider call threw (LangChain4j's exceptions and the transport's) into the task failure
 * classes, in one place: 429 is retryable and carries {@code Retry-After}; 5xx, 408, connect errors and timeouts
 * are retryable; 400, 401, 403, 404 (unknown model) and other 4xx are terminal.
 */
public final class ProviderFaults {

    private ProviderFaults() {}

    /** Returns the task failure for a provider call's exception; never returns the argument unchanged. */
    public static RuntimeException translate(AgentDefinition agent, Throwable failure) {
        if (failure instanceof RetryableTaskException || failure instanceof TerminalTaskException) {
            return (RuntimeException) failure;
        }
        String who = "Agent '" + agent.name() + "' (" + agent.provider() + " " + agent.baseUrl() + ", model "
                + agent.model() + ")";
        HttpException http = find(failure, HttpException.class);
        if (http != null) {
            return fromStatus(who, http, failure);
        }
        if (isTimeout(failure)) {
            return new RetryableTaskException(who + ": call timed out: " + rootMessage(failure), failure);
        }
        if (find(failure, IOException.class) != null || find(failure, UncheckedIOException.class) != null) {
            return new RetryableTaskException(who + ": provider unreachable: " + rootMessage(failure), failure);
        }
        return new RetryableTaskException(who + ": call failed: " + rootMessage(failure), failure);
    }

    private static RuntimeException fromStatus(String who, HttpException http, Throwable failure) {
        int status = http.statusCode();
        String body = abbreviate(http.getMessage());
        if (status == 429) {
            Duration wait =
                    http instanceof ProviderHttpException p ? p.retryAfter().orElse(null) : null;
            return new RetryableTaskException(
                    who + ": rate limited (429)" + (wait == null ? "" : ", retry after " + wait.toSeconds() + " s")
                            + ": " + body,
                    failure,
                    wait);
        }
        if (status >= 500 || status == 408) {
            return new RetryableTaskException(who + ": provider error " + status + ": " + body, failure);
        }
        String meaning = switch (status) {
            case 400 -> "request refused as invalid (400)";
            case 401 -> "authentication failed (401): check the agent's api-key";
            case 403 -> "access denied (403): the api-key may not use this model";
            case 404 -> "unknown model or endpoint (404): check the agent's model and base-url";
            default -> "request refused (" + status + ")";
        };
        return new TerminalTaskException(who + ": " + meaning + ": " + body, failure);
    }

    private static boolean isTimeout(Throwable failure) {
        return find(failure, dev.langchain4j.exception.TimeoutException.class) != null
                || find(failure, java.util.concurrent.TimeoutException.class) != null
                || find(failure, java.net.http.HttpTimeoutException.class) != null
                || find(failure, InterruptedException.class) != null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
