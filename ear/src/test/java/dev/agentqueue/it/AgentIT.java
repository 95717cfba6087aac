package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.FakeServer;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOllama;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent contracts end to end: chat tasks against a fake OpenAI-compatible provider (each fault class) and a fake
 * Ollama (agents {@code llama}, and {@code unpulled} naming a model it never pulled), and embedding tasks with the
 * in-process model, over REST against the real EAR, broker and Redis.
 */
@ExtendWith(ArquillianExtension.class)
class AgentIT {

    private static final Set<String> SETTLED = Set.of("COMPLETED", "DEAD_LETTER");
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @RegisterExtension
    static final FakeServer<FakeOpenAi> provider =
            FakeServer.of(() -> FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port")));

    @RegisterExtension
    static final FakeServer<FakeOllama> OLLAMA =
            FakeServer.of(() -> FakeOllama.start(FakeOpenAi.port("agentqueue.it.ollama-port")));

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aChatTaskReturnsTheAgentsAnswerAndRecordsTokenUsage() {
        String id = api.enqueue(chat("scribe", "hello there " + UUID.randomUUID()));

        // The fake counts words: instructions (1) + "Context: ticket 17" (3) + message (3) in, "echo: " + message out.
        assertAnsweredAtOnce(id, "echo: hello there", FakeOpenAi.MODEL, 7, 4);
    }

    @Test
    void aRateLimitedCallIsRetriedNoSoonerThanRetryAfter() {
        String id = api.enqueue(chat("scribe", "[[429-once:3]] " + UUID.randomUUID()));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(2);
        JsonArray history = task.getJsonArray("history");
        assertThat(history.getJsonObject(0).getString("outcome")).isEqualTo("FAILED");
        assertThat(history.getJsonObject(0).getJsonObject("error").getString("message"))
                .contains("rate limited (429)");
        // The broker alone would retry after 1 s; the provider asked for 3 s.
        assertThat(gapMillis(history)).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aProviderServerErrorIsRetried() {
        String id = api.enqueue(chat("scribe", "[[500-once]] " + UUID.randomUUID()));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(2);
        assertThat(firstError(task)).contains("provider error 500");
    }

    @Test
    void aCallOutlivingTheAgentsTimeoutIsRetried() {
        String id = api.enqueue(chat("scribe", "[[slow-once:6000]] " + UUID.randomUUID()));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(2);
        assertThat(firstError(task)).contains("timed out");
    }

    @Test
    void aRefusedApiKeyDeadLettersTheTaskAtOnce() {
        assertDeadLetteredAtOnce(chat("intruder", "hello"), "authentication failed (401)");
    }

    @Test
    void anUnknownModelDeadLettersTheTaskAtOnce() {
        assertDeadLetteredAtOnce(chat("misnamed", "hello"), "unknown model or endpoint (404)");
    }

    @Test
    void anInvalidRequestDeadLettersTheTaskAtOnce() {
        assertDeadLetteredAtOnce(chat("scribe", "[[400]] hello"), "request refused as invalid (400)");
    }

    @Test
    void aForbiddenModelDeadLettersTheTaskAtOnce() {
        assertDeadLetteredAtOnce(chat("scribe", "[[403]] hello"), "access denied (403)");
    }

    @Test
    void aChatTaskThroughAnOllamaAgentCompletesWithItsUsageRecorded() {
        String id = api.enqueue(chat("llama", "hello llama " + UUID.randomUUID()));

        // The fake counts words: "Context: ticket 17" (3) + message (3) in, "echo: " + message out.
        assertAnsweredAtOnce(id, "echo: hello llama", FakeOllama.MODEL, 6, 4);
    }

    @Test
    void anOllamaWithoutTheModelDeadLettersTheTaskAtOnce() {
        assertDeadLetteredAtOnce(chat("unpulled", "hello"), "unknown model or endpoint (404)");
    }

    @Test
    void aBusyOllamaIsRetried() {
        String id = api.enqueue(chat("llama", "[[503-once]] " + UUID.randomUUID()));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(2);
        assertThat(firstError(task)).contains("provider error 503");
    }

    @Test
    void chatTasksAreRefusedAtEnqueueWithoutAKnownAgentOrAMessage() {
        JsonObject unknownAgent = chat("nobody", "hello");
        JsonObject noAgent = Json.createObjectBuilder(chat("scribe", "hello"))
                .remove("agent")
                .build();
        JsonObject noMessage = Json.createObjectBuilder()
                .add("contract", "agentqueue.chat.v1")
                .add("agent", "scribe")
                .add("payload", Json.createObjectBuilder().add("context", "x"))
                .build();

        for (JsonObject request : new JsonObject[] {unknownAgent, noAgent, noMessage}) {
            Reply reply = api.postJson("tasks", request);
            assertThat(reply.status()).as(request.toString()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void anEmbeddingTaskReturnsOneVectorOfTheModelsDimensionPerText() {
        String id = api.enqueue(embed(Json.createArrayBuilder()
                .add("The cat sat on the mat.")
                .add("A feline rested on the rug.")
                .add("Quarterly revenue grew by four percent.")));

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        JsonObject result = task.getJsonObject("result");
        assertThat(result.getInt("dimension")).isEqualTo(384);
        assertThat(result.getString("model")).isEqualTo("all-minilm-l6-v2-q");
        JsonArray vectors = result.getJsonArray("vectors");
        assertThat(vectors).hasSize(3);
        vectors.forEach(v -> assertThat(v.asJsonArray()).hasSize(384));
        // Meaning, not noise: the two sentences about a cat are closer to each other than to the revenue one.
        assertThat(cosine(vectors.getJsonArray(0), vectors.getJsonArray(1)))
                .isGreaterThan(cosine(vectors.getJsonArray(0), vectors.getJsonArray(2)));
    }

    @Test
    void embeddingTasksWithoutTextsAreRefusedAtEnqueue() {
        for (JsonObjectBuilder payload : new JsonObjectBuilder[] {
            Json.createObjectBuilder(),
            Json.createObjectBuilder().add("texts", Json.createArrayBuilder()),
            Json.createObjectBuilder().add("texts", Json.createArrayBuilder().add(3)),
            Json.createObjectBuilder().add("texts", "just a string")
        }) {
            Reply reply = api.postJson(
                    "tasks",
                    Json.createObjectBuilder()
                            .add("contract", "agentqueue.embed.v1")
                            .add("payload", payload)
                            .build());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        }
    }

    private void assertAnsweredAtOnce(String id, String answer, String model, int inputTokens, int outputTokens) {
        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("attempt")).isEqualTo(1);
        JsonObject result = task.getJsonObject("result");
        assertThat(result.getString("final_text")).startsWith(answer);
        assertThat(result.getString("model")).isEqualTo(model);
        JsonObject usage = result.getJsonObject("usage");
        assertThat(usage.getInt("input_tokens")).isEqualTo(inputTokens);
        assertThat(usage.getInt("output_tokens")).isEqualTo(outputTokens);
        assertThat(task.getJsonObject("usage")).isEqualTo(usage);
    }

    private void assertDeadLetteredAtOnce(JsonObject request, String expectedMessage) {
        String id = api.enqueue(request);

        JsonObject task = settled(id);

        assertThat(task.getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(task.getInt("attempt")).isEqualTo(1);
        assertThat(task.get("result")).isEqualTo(jakarta.json.JsonValue.NULL);
        JsonObject error = task.getJsonObject("error");
        assertThat(error.getString("classification")).isEqualTo("TERMINAL");
        assertThat(error.getString("message")).contains(expectedMessage);
    }

    private JsonObject settled(String id) {
        return Deadline.await(
                "task " + id + " to settle", SETTLE, () -> api.task(id), t -> SETTLED.contains(t.getString("state")));
    }

    private static String firstError(JsonObject task) {
        return task.getJsonArray("history")
                .getJsonObject(0)
                .getJsonObject("error")
                .getString("message");
    }

    private static long gapMillis(JsonArray history) {
        Instant firstEnd = Instant.parse(history.getJsonObject(0).getString("end"));
        Instant secondStart = Instant.parse(history.getJsonObject(1).getString("start"));
        return Duration.between(firstEnd, secondStart).toMillis();
    }

    static JsonObject chat(String agent, String message) {
        return Json.createObjectBuilder()
                .add("contract", "agentqueue.chat.v1")
                .add("agent", agent)
                .add(
                        "payload",
                        Json.createObjectBuilder().add("user_message", message).add("context", "ticket 17"))
                .build();
    }

    static JsonObject embed(jakarta.json.JsonArrayBuilder texts) {
        return Json.createObjectBuilder()
                .add("contract", "agentqueue.embed.v1")
                .add("payload", Json.createObjectBuilder().add("texts", texts))
                .build();
    }

    private static double cosine(JsonArray a, JsonArray b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.getJsonNumber(i).doubleValue();
            double y = b.getJsonNumber(i).doubleValue();
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }
}
