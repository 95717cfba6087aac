package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentqueue.it.client.ApiClient;
import dev.agentqueue.it.client.ApiException;
import dev.agentqueue.it.client.api.BreakersApi;
import dev.agentqueue.it.client.api.DeadLettersApi;
import dev.agentqueue.it.client.api.QueuesApi;
import dev.agentqueue.it.client.api.SystemApi;
import dev.agentqueue.it.client.api.TasksApi;
import dev.agentqueue.it.client.model.DeadLetter;
import dev.agentqueue.it.client.model.DeadLetterSelection;
import dev.agentqueue.it.client.model.ErrorClassification;
import dev.agentqueue.it.client.model.Health;
import dev.agentqueue.it.client.model.Problem;
import dev.agentqueue.it.client.model.Task;
import dev.agentqueue.it.client.model.TaskAttempt;
import dev.agentqueue.it.client.model.TaskRequest;
import dev.agentqueue.it.client.model.TaskState;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.polling.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API as a user of its OpenAPI document meets it: a Java client that the build generates from the published
 * document (openapi-generator, into {@code target/generated-test-sources}) drives a task through enqueue, read, dead
 * letter and redrive against the real server. The client refuses fields the document does not declare, so a response
 * that drifts from the document fails here.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiClientIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aTaskGoesThroughEnqueueReadDeadLetterAndRedriveWithTheGeneratedClient() throws ApiException {
        TasksApi producer = new TasksApi(client(Role.PRODUCER));
        TasksApi viewer = new TasksApi(client(Role.VIEWER));
        DeadLettersApi admin = new DeadLettersApi(client(Role.ADMIN));
        String message = "refused through the generated client " + UUID.randomUUID();

        Task enqueued = producer.enqueueTask(
                new TaskRequest()
                        .contract(Jobs.CONTRACT)
                        .payload(Map.of(
                                "job_type",
                                "fail",
                                "arguments",
                                Map.of("mode", "terminal", "message", message, "succeed_after_redrives", 1))),
                null);
        UUID id = enqueued.getId();
        Task dead = awaitState(viewer, id, TaskState.DEAD_LETTER);
        DeadLetter letter = admin.listDeadLetters(
                        null, null, null, dead.getError().getFingerprint(), 10)
                .getItems()
                .get(0);
        int redriven = admin.redriveDeadLetters(new DeadLetterSelection().ids(List.of(id.toString())))
                .getRedriven();
        Task completed = awaitState(viewer, id, TaskState.COMPLETED);

        assertThat(enqueued.getState()).isEqualTo(TaskState.QUEUED);
        assertThat(dead.getError().getClassification()).isEqualTo(ErrorClassification.TERMINAL);
        assertThat(dead.getError().getMessage()).isEqualTo(message);
        assertThat(letter.getTaskId()).isEqualTo(id);
        assertThat(letter.getTask().getState()).isEqualTo(TaskState.DEAD_LETTER);
        assertThat(redriven).isEqualTo(1);
        assertThat(completed.getHistory())
                .extracting(TaskAttempt::getOutcome)
                .containsSubsequence("DEAD_LETTER", "REDRIVEN", "COMPLETED");
    }

    @Test
    void anUnknownTaskAnswersTheDocumentedProblem() throws Exception {
        TasksApi viewer = new TasksApi(client(Role.VIEWER));

        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> viewer.getTask(UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"), null));

        assertThat(refused.getCode()).isEqualTo(404);
        Problem problem = strict(new ObjectMapper()).readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).isEqualTo("urn:agentqueue:problem:not-found");
    }

    @Test
    void theReadsAnswerWhatTheDocumentDescribes() throws ApiException {
        ApiClient viewer = client(Role.VIEWER);
        String correlation = UUID.randomUUID().toString();
        Task enqueued = new TasksApi(client(Role.PRODUCER))
                .enqueueTask(
                        new TaskRequest()
                                .contract(Jobs.CONTRACT)
                                .correlationId(correlation)
                                .payload(Map.of("job_type", "echo", "arguments", Map.of("said", correlation))),
                        null);
        awaitState(new TasksApi(viewer), enqueued.getId(), TaskState.COMPLETED);

        List<Task> completed = new TasksApi(viewer)
                .listTasks(null, Jobs.CONTRACT, null, 100, TaskState.COMPLETED)
                .getItems();

        assertThat(completed)
                .filteredOn(task -> correlation.equals(task.getCorrelationId()))
                .singleElement()
                .satisfies(task -> assertThat(task.getResult()).isNotNull());
        assertThat(new QueuesApi(viewer).getQueues().getTasks().getConsumers()).isPositive();
        assertThat(new DeadLettersApi(viewer).summarizeDeadLetters().getTotal()).isNotNegative();
        assertThat(new BreakersApi(viewer).listBreakers().getItems()).isNotNull();
        assertThat(new SystemApi(viewer).getHealth().getStatus()).isEqualTo(Health.StatusEnum.UP);
    }

    /** Returns a generated client for the IT server that logs in as {@code role} and refuses undocumented fields. */
    private static ApiClient client(Role role) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Deployments.appUrl().resolve("api/v1").toString());
        client.setRequestInterceptor(request -> request.header("Authorization", role.authorization()));
        client.setObjectMapper(strict(client.getObjectMapper().copy()));
        return client;
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static Task awaitState(TasksApi tasks, UUID id, TaskState state) {
        return Deadline.await(
                "task " + id + " " + state, SETTLE, () -> read(tasks, id), task -> task.getState() == state);
    }

    private static Task read(TasksApi tasks, UUID id) {
        try {
            return tasks.getTask(id, null);
        } catch (ApiException e) {
            throw new IllegalStateException("GET tasks/" + id + ": " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
