package dev.agentqueue.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TerminalTaskException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How provider failures, as LangChain4j and the transport report them, become task failures. */
class ProviderFaultsTest {

    private static final AgentDefinition AGENT =
            new AgentDefinition("analyzer", "openai", "http://127.0.0.1:9/v1", "m", null, null, null, null);

    @Test
    void aRateLimitIsRetryableAndCarriesRetryAfter() {
        RuntimeException failure = ProviderFaults.translate(
                AGENT, new RateLimitException(new ProviderHttpException(429, "slow down", Duration.ofSeconds(7))));

        assertThat(failure).isInstanceOf(RetryableTaskException.class).hasMessageContaining("rate limited (429)");
        assertThat(((RetryableTaskException) failure).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsTimeoutsAndConnectErrorsAreRetryable() {
        assertThat(ProviderFaults.translate(AGENT, new ProviderHttpException(503, "busy", null)))
                .isInstanceOf(RetryableTaskException.class)
                .hasMessageContaining("provider error 503");
        assertThat(ProviderFaults.translate(AGENT, new TimeoutException(new HttpTimeoutException("read"))))
                .isInstanceOf(RetryableTaskException.class)
                .hasMessageContaining("timed out");
        assertThat(ProviderFaults.translate(
                        AGENT, new RuntimeException(new UncheckedIOException(new ConnectException("refused")))))
                .isInstanceOf(RetryableTaskException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void refusedRequestsAreTerminalWithAClearMessage() {
        assertThat(ProviderFaults.translate(
                        AGENT, new AuthenticationException(new ProviderHttpException(401, "bad key", null))))
                .isInstanceOf(TerminalTaskException.class)
                .hasMessageContaining("authentication failed (401)")
                .hasMessageContaining("analyzer");
        assertThat(ProviderFaults.translate(AGENT, new ProviderHttpException(403, "no", null)))
                .isInstanceOf(TerminalTaskException.class)
                .hasMessageContaining("access denied (403)");
        assertThat(ProviderFaults.translate(
                        AGENT, new ModelNotFoundException(new ProviderHttpException(404, "model_not_found", null))))
                .isInstanceOf(TerminalTaskException.class)
                .hasMessageContaining("unknown model");
        assertThat(ProviderFaults.translate(AGENT, new ProviderHttpException(400, "bad", null)))
                .isInstanceOf(TerminalTaskException.class)
                .hasMessageContaining("invalid (400)");
    }

    @Test
    void breakerNamesFollowTheEndpoint() {
        assertThat(AgentModels.breakerName(AGENT)).isEqualTo("openai-127.0.0.1-9");
        assertThat(dev.agentqueue.breaker.BreakerNames.forEndpoint("ollama", "https://LLM.example/api"))
                .isEqualTo("ollama-llm.example-443");
    }
}
