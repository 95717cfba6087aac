package dev.agentqueue.api.limits;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.limits.CallLimits;
import dev.agentqueue.limits.LimitParameters;
import dev.agentqueue.limits.LimitScope;
import dev.agentqueue.limits.LimitState;
import dev.agentqueue.limits.TokenBudget;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /limits}: lists the provider call limits and token budgets with their counters; admins change a scope's
 * limits and budget live.
 */
@Path("limits")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Limits")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
public class LimitResource {

    private static final ObjectReader READER = JsonBodies.reader(LimitSchemas.Change.class);

    @Inject
    CallLimits limits;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @SecurityRequirement(
            name = ApiApplication.BASIC,
            scopes = {Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "listLimits", summary = "List the limit scopes used so far, with limits and counters")
    @APIResponse(
            responseCode = "200",
            description = "The scopes with their limits, tokens reserved and used, and deferrals",
            content = @Content(schema = @Schema(implementation = LimitSchemas.Listing.class)))
    public String list() {
        return JsonRecords.write(new LimitSchemas.Listing(
                limits.list().stream().map(LimitSchemas.Scope::of).toList()));
    }

    @PUT
    @Path("{scope}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(
            operationId = "setLimits",
            summary = "Set a scope's limits live on every node, overriding the configured ones")
    @APIResponse(
            responseCode = "200",
            description = "The scope with its new limits",
            content = @Content(schema = @Schema(implementation = LimitSchemas.Scope.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String set(
            @PathParam("scope") String scope,
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = LimitSchemas.Change.class)))
                    String body) {
        LimitScope parsed = scope(scope);
        LimitSchemas.Change change = JsonBodies.read(body, READER);
        LimitState current = limits.state(parsed);
        LimitParameters parameters;
        TokenBudget budget;
        try {
            parameters = new LimitParameters(
                    limit(
                            "requestsPerMinute",
                            change.requestsPerMinute(),
                            current.limits().requestsPerMinute()),
                    limit(
                            "tokensPerMinute",
                            change.tokensPerMinute(),
                            current.limits().tokensPerMinute()),
                    (int) limit(
                            "concurrentCalls",
                            change.concurrentCalls(),
                            current.limits().concurrentCalls()),
                    Duration.ofMillis(limit(
                            "burstMs",
                            change.burstMs(),
                            current.limits().burst().toMillis())));
            budget = new TokenBudget(
                    limit(
                            "tokensPerDay",
                            change.tokensPerDay(),
                            current.budget().tokensPerDay()),
                    limit(
                            "tokensPerMonth",
                            change.tokensPerMonth(),
                            current.budget().tokensPerMonth()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(null, e.getMessage());
        }
        limits.set(parsed, parameters, budget);
        return JsonRecords.write(LimitSchemas.Scope.of(limits.state(parsed)));
    }

    @DELETE
    @Path("{scope}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "clearLimits", summary = "Drop a scope's live limits, so its configured ones apply")
    @APIResponse(
            responseCode = "200",
            description = "The scope under its configured limits",
            content = @Content(schema = @Schema(implementation = LimitSchemas.Scope.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public String clear(@PathParam("scope") String scope) {
        LimitScope parsed = scope(scope);
        if (!limits.clear(parsed)) {
            throw ApiException.notFound("The scope '" + scope + "' has no live limits");
        }
        return JsonRecords.write(LimitSchemas.Scope.of(limits.state(parsed)));
    }

    private static LimitScope scope(String name) {
        try {
            return LimitScope.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("scope", e.getMessage());
        }
    }

    /** Returns the limit {@code name} as changed, {@code fallback} when left out. */
    private static long limit(String name, Number value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.longValue() < 0) {
            throw JsonBodies.invalid(name, "must be a whole number, 0 (no limit) or more");
        }
        return value.longValue();
    }
}
