package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.FakeOllama;
import dev.agentqueue.it.support.FakeOpenAi;
import dev.agentqueue.it.support.FakeServer;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chat tasks through agents of provider {@code ollama} against a fake Ollama: {@code llama} names the model it has,
 * {@code unpulled} one it never pulled.
 */
@ExtendWith(ArquillianExtension.class)
class OllamaIT {

    private static final Set<String> SETTLED = Set.of("COMPLETED", "DEAD_LETTER");

    @RegisterExtension
    static final FakeServer<FakeOllama> OLLAMA =
            FakeServer.of(() -> FakeOllama.start(FakeOpenAi.port("agentqueue.it.ollama-port")));

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aChatTaskThroughAnOllamaAgentCompletesWithItsUsageRecorded() {
        String id = api.enqueue(AgentIT.chat("llama", "hello llama " + UUID.randomUUID()));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(1);
        JsonObject result = task.getJsonObject("result");
        assertThat(result.getString("final_text")).startsWith("echo: hello llama");
        assertThat(result.getString("model")).isEqualTo(FakeOllama.MODEL);
        // The fake counts words: "Context: ticket 17" (3) + message (3) in, "echo: " + message out.
        JsonObject usage = result.getJsonObject("usage");
        assertThat(usage.getInt("input_tokens")).isEqualTo(6);
        assertThat(usage.getInt("output_tokens")).isEqualTo(4);
        assertThat(task.getJsonObject("usage")).isEqualTo(usage);
    }

    @Test
    void anOllamaWithoutTheModelDeadLettersTheTaskAtOnce() {
        String id = api.enqueue(AgentIT.chat("unpulled", "hello"));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(task.getInt("attempt")).isEqualTo(1);
        JsonObject error = task.getJsonObject("error");
        assertThat(error.getString("classification")).isEqualTo("TERMINAL");
        assertThat(error.getString("message")).contains("unknown model or endpoint (404)");
    }

    @Test
    void aBusyOllamaIsRetried() {
        String id = api.enqueue(AgentIT.chat("llama", "[[503-once]] " + UUID.randomUUID()));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(2);
        assertThat(task.getJsonArray("history")
                        .getJsonObject(0)
                        .getJsonObject("error")
                        .getString("message"))
                .contains("provider error 503");
    }

    private JsonObject settled(String id) {
        return Deadline.await(
                "task " + id + " to settle",
                Duration.ofSeconds(60),
                () -> api.task(id),
                t -> SETTLED.contains(t.getString("state")));
    }
}
