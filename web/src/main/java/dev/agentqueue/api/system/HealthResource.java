package dev.agentqueue.api.system;

import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.redis.RedisHealth;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
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
        SystemSchemas.BrokerHealth brokerHealth;
        try {
            brokerHealth = SystemSchemas.BrokerHealth.up(broker.taskQueue());
        } catch (BrokerUnavailableException e) {
            brokerHealth = SystemSchemas.BrokerHealth.down(e.getMessage());
        }
        boolean up = redisStatus.up() && brokerHealth.status().equals(SystemSchemas.UP);
        SystemSchemas.Health health = new SystemSchemas.Health(
                up ? SystemSchemas.UP : SystemSchemas.DOWN,
                SystemSchemas.RedisHealth.of(redisStatus),
                brokerHealth,
                breakerStates(redisStatus.up()));
        return Response.status(up ? 200 : 503)
                .entity(JsonRecords.write(health))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private Map<String, BreakerState> breakerStates(boolean redisUp) {
        Map<String, BreakerState> states = new LinkedHashMap<>();
        if (redisUp) {
            try {
                breakers.list().forEach(b -> states.put(b.name(), b.state()));
            } catch (StoreUnavailableException e) {
                // Redis went away between the PING and this read; its status above already says so.
            }
        }
        return states;
    }
}
