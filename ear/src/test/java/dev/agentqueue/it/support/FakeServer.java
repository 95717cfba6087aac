package dev.agentqueue.it.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a fake outside server (a provider, a receiver) for the tests of one class: started before the first, closed
 * after the last. Register it as a static {@code @RegisterExtension} field.
 */
public final class FakeServer<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<T> starter;
    private T server;

    private FakeServer(Supplier<T> starter) {
        this.starter = starter;
    }

    /** Returns an extension that starts the server with {@code starter}. */
    public static <T extends AutoCloseable> FakeServer<T> of(Supplier<T> starter) {
        return new FakeServer<>(starter);
    }

    /** Returns the running server, to ask what it was sent. */
    public T get() {
        if (server == null) {
            throw new IllegalStateException("a fake server runs only while its test class does");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }
}
