package dev.agentqueue.api.system;

import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.broker.QueueStats;
import dev.agentqueue.redis.RedisHealth;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.support.Jsons;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /health}: whether Redis answers PING and the broker's task queue is reachable (503 when either is down),
 * and the state of each shared circuit breaker (informational: an open breaker defers work, it is not an outage).
 */
@Path("health")
@PermitAll
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    RedisHealth redis;

    @Inject
    BrokerManagement broker;

    @Inject
    SharedBreakers breakers;

    @GET
    @Tag(name = "System")
    @Operation(
            operationId = "getHealth",
            summary = "Report whether Redis and the broker are up (public; the readiness probe)")
    @SecurityRequirements
    @APIResponse(
            responseCode = "200",
            description = "Both up",
            content = @Content(schema = @Schema(implementation = SystemSchemas.Health.class)))
    @APIResponse(
            responseCode = "503",
            description = "Redis or the broker down",
            content = @Content(schema = @Schema(implementation = SystemSchemas.Health.class)))
    @APIResponse(responseCode = "406", ref = ProblemResponses.NOT_ACCEPTABLE)
    public Response health() {
        RedisHealth.Status redisStatus = redis.check();
        JsonObjectBuilder redisJson = Jsons.object()
                .add("status", redisStatus.up() ? "UP" : "DOWN")
                .add("latencyMicros", redisStatus.latencyMicros());
        if (!redisStatus.up()) {
            redisJson.add("detail", String.valueOf(redisStatus.detail()));
        }
        JsonObjectBuilder brokerJson = Jsons.object();
        boolean brokerUp;
        try {
            QueueStats tasks = broker.taskQueue();
            brokerUp = true;
            brokerJson
                    .add("status", "UP")
                    .add("consumers", tasks.consumerCount())
                    .add("depth", tasks.messageCount());
        } catch (BrokerUnavailableException e) {
            brokerUp = false;
            brokerJson.add("status", "DOWN").add("detail", e.getMessage());
        }
        boolean up = redisStatus.up() && brokerUp;
        String body = Jsons.object()
                .add("status", up ? "UP" : "DOWN")
                .add("redis", redisJson)
                .add("broker", brokerJson)
                .add("breakers", breakerStates(redisStatus.up()))
                .build()
                .toString();
        return Response.status(up ? 200 : 503)
                .entity(body)
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private JsonObjectBuilder breakerStates(boolean redisUp) {
        JsonObjectBuilder json = Jsons.object();
        if (redisUp) {
            try {
                breakers.list().forEach(b -> json.add(b.name(), b.state().name()));
            } catch (StoreUnavailableException e) {
                // Redis went away between the PING and this read; its status above already says so.
            }
        }
        return json;
    }
}
