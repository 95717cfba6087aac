package dev.agentqueue.api.limits;

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
import dev.agentqueue.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Set;
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

    private static final Set<String> FIELDS = Set.of(
            "requestsPerMinute", "tokensPerMinute", "concurrentCalls", "burstMs", "tokensPerDay", "tokensPerMonth");

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
        JsonArrayBuilder items = Jsons.array();
        limits.list().forEach(state -> items.add(json(state)));
        return Jsons.object().add("items", items).build().toString();
    }

    @PUT
    @Path("{scope}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(
            operationId = "setLimits",
            summary = "Set a scope's limits live on every node, overriding the configured ones")
    @RequestBody(content = @Content(schema = @Schema(implementation = LimitSchemas.Change.class)))
    @APIResponse(
            responseCode = "200",
            description = "The scope with its new limits",
            content = @Content(schema = @Schema(implementation = LimitSchemas.Scope.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String set(@PathParam("scope") String scope, String body) {
        LimitScope parsed = scope(scope);
        JsonObject change = JsonBodies.object(body, FIELDS);
        LimitState current = limits.state(parsed);
        LimitParameters parameters;
        TokenBudget budget;
        try {
            parameters = new LimitParameters(
                    number(change, "requestsPerMinute", current.limits().requestsPerMinute()),
                    number(change, "tokensPerMinute", current.limits().tokensPerMinute()),
                    Math.toIntExact(
                            number(change, "concurrentCalls", current.limits().concurrentCalls())),
                    Duration.ofMillis(
                            number(change, "burstMs", current.limits().burst().toMillis())));
            budget = new TokenBudget(
                    number(change, "tokensPerDay", current.budget().tokensPerDay()),
                    number(change, "tokensPerMonth", current.budget().tokensPerMonth()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest(null, e.getMessage());
        }
        limits.set(parsed, parameters, budget);
        return json(limits.state(parsed)).toString();
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
        return json(limits.state(parsed)).toString();
    }

    private static LimitScope scope(String name) {
        try {
            return LimitScope.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("scope", e.getMessage());
        }
    }

    private static long number(JsonObject change, String name, long fallback) {
        JsonValue value = change.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw ApiException.badRequest(name, name + " must be a whole number, 0 (no limit) or more");
        }
        return number.longValueExact();
    }

    static JsonObject json(LimitState state) {
        LimitParameters p = state.limits();
        return Jsons.object()
                .add("scope", state.scope().name())
                .add("live", state.live())
                .add(
                        "limits",
                        Jsons.object()
                                .add("requestsPerMinute", p.requestsPerMinute())
                                .add("tokensPerMinute", p.tokensPerMinute())
                                .add("concurrentCalls", p.concurrentCalls())
                                .add("burstMs", p.burst().toMillis())
                                .add("tokensPerDay", state.budget().tokensPerDay())
                                .add("tokensPerMonth", state.budget().tokensPerMonth()))
                .add(
                        "counts",
                        Jsons.object()
                                .add("admitted", state.admitted())
                                .add("deferrals", state.deferrals())
                                .add("tokensReserved", state.tokensReserved())
                                .add("tokensUsed", state.tokensUsed())
                                .add("activeCalls", state.activeCalls())
                                .add("tokensToday", state.tokensToday())
                                .add("tokensThisMonth", state.tokensThisMonth()))
                .build();
    }
}
