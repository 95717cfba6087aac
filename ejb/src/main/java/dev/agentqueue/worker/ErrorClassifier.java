package dev.agentqueue.worker;

import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.task.ErrorClassification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;

/**
 * Decides whether a failure is worth retrying. The explicit exceptions win; then per-contract overrides from
 * {@code agentqueue.contracts.<id>.terminal-errors} / {@code .retryable-errors} (exception class names); then the
 * defaults: bad arguments are terminal, I/O errors and timeouts retryable, anything else retryable (bounded by the
 * broker's max delivery attempts).
 */
@ApplicationScoped
public class ErrorClassifier {

    private static final List<Class<? extends Throwable>> TERMINAL_BY_DEFAULT = List.of(
            IllegalArgumentException.class,
            JsonException.class,
            ClassCastException.class,
            UnsupportedOperationException.class,
            SecurityException.class);

    private static final List<Class<? extends Throwable>> RETRYABLE_BY_DEFAULT =
            List.of(IOException.class, UncheckedIOException.class, TimeoutException.class, InterruptedException.class);

    @Inject
    Config config;

    /** Classifies a failure of a task of the given contract, looking through its chain of causes. */
    public ErrorClassification classify(String contract, Throwable failure) {
        List<String> terminal = names(contract, "terminal-errors");
        List<String> retryable = names(contract, "retryable-errors");
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TerminalTaskException) {
                return ErrorClassification.TERMINAL;
            }
            if (t instanceof RetryableTaskException) {
                return ErrorClassification.RETRYABLE;
            }
            if (matches(t, terminal)) {
                return ErrorClassification.TERMINAL;
            }
            if (matches(t, retryable)) {
                return ErrorClassification.RETRYABLE;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isAny(t, TERMINAL_BY_DEFAULT)) {
                return ErrorClassification.TERMINAL;
            }
            if (isAny(t, RETRYABLE_BY_DEFAULT)) {
                return ErrorClassification.RETRYABLE;
            }
        }
        return ErrorClassification.RETRYABLE;
    }

    /** Returns the exception class names configured for a contract under the given key. */
    List<String> names(String contract, String kind) {
        return config.getOptionalValues("agentqueue.contracts." + contract + "." + kind, String.class)
                .orElse(List.of());
    }

    private static boolean matches(Throwable t, List<String> classNames) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (classNames.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAny(Throwable t, List<Class<? extends Throwable>> types) {
        return types.stream().anyMatch(type -> type.isInstance(t));
    }
}
