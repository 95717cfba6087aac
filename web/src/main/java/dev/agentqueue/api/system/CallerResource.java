package dev.agentqueue.api.system;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /me}: who the caller is and which agentqueue roles they hold, so that a user interface offers only what
 * the caller may do. The server checks the roles on every call anyway.
 */
@Path("me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    @GET
    @RolesAllowed({Roles.PRODUCER, Roles.VIEWER, Roles.ADMIN})
    @SecurityRequirement(
            name = ApiApplication.BASIC,
            scopes = {Roles.PRODUCER, Roles.VIEWER, Roles.ADMIN})
    @Tag(name = "System")
    @Operation(operationId = "getCaller", summary = "Read the caller's user name and agentqueue roles")
    @APIResponse(
            responseCode = "200",
            description = "The caller",
            content = @Content(schema = @Schema(implementation = SystemSchemas.Caller.class)))
    public String caller(@Context SecurityContext security) {
        List<String> roles = Stream.of(Roles.PRODUCER, Roles.VIEWER, Roles.ADMIN)
                .filter(security::isUserInRole)
                .toList();
        return JsonRecords.write(
                new SystemSchemas.Caller(security.getUserPrincipal().getName(), roles));
    }
}
