package dev.agentqueue.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link FakeOpenAi} on the port the server's agents call for the whole test class it is registered in:
 * {@code @RegisterExtension static final FakeProvider provider = new FakeProvider();}.
 */
public final class FakeProvider implements BeforeAllCallback, AfterAllCallback {

    private FakeOpenAi provider;

    @Override
    public void beforeAll(ExtensionContext context) {
        provider = FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        provider.close();
    }

    /** Returns the running provider, to ask what it was sent. */
    public FakeOpenAi get() {
        if (provider == null) {
            throw new IllegalStateException("the fake provider runs only while its test class does");
        }
        return provider;
    }
}
