package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Embeddings in a second deployment of the EAR into the same server (AgentIT embeds in another): the model's
 * native libraries load again in the new application's class loader, as after an operator's redeploy.
 */
@ExtendWith(ArquillianExtension.class)
class EmbeddingRedeployIT {

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aRedeployedApplicationStillEmbeds() {
        String id = api.enqueue(AgentIT.embed(Json.createArrayBuilder().add("redeployed, still embedding")));

        JsonObject task = Deadline.await(
                "task " + id + " to settle",
                Duration.ofSeconds(90),
                () -> api.task(id),
                t -> Set.of("COMPLETED", "DEAD_LETTER").contains(t.getString("state")));

        assertThat(task.getString("state")).as(task.toString()).isEqualTo("COMPLETED");
        assertThat(task.getJsonObject("result").getInt("dimension")).isEqualTo(384);
    }
}
