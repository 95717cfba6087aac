package dev.agentqueue.api.security;

import dev.agentqueue.api.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on every resource method (the method's
 * annotation wins over its class's). A method with none is denied, so a new endpoint is closed until someone says
 * who may call it. No user: 401 with a Basic challenge; a user without the role: 403; both as problem+json.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleCheck implements ContainerRequestFilter {

    /** The realm named in the Basic challenge, as in {@code web.xml}. */
    public static final String REALM = "agentqueue";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return; // no resource matched: JAX-RS answers 404 or 405
        }
        Class<?> type = resource.getResourceClass();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null && !method.isAnnotationPresent(DenyAll.class)) {
            if (type.isAnnotationPresent(PermitAll.class)) {
                return;
            }
            allowed = type.getAnnotation(RolesAllowed.class);
        }
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(unauthenticated()
                    .toResponseBuilder()
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge())
                    .build());
            return;
        }
        if (allowed != null && permits(security, allowed.value())) {
            return;
        }
        request.abortWith(Problem.of(
                        403,
                        "forbidden",
                        "Forbidden",
                        "User '" + security.getUserPrincipal().getName() + "' lacks the role this operation needs")
                .toResponse());
    }

    /** Returns the problem of a request without (valid) credentials. */
    public static Problem unauthenticated() {
        return Problem.of(
                401,
                "unauthenticated",
                "Unauthenticated",
                "This operation needs credentials: HTTP Basic with a user of the application realm");
    }

    /** Returns the value of the {@code WWW-Authenticate} header. */
    public static String challenge() {
        return "Basic realm=\"" + REALM + "\"";
    }

    private static boolean permits(SecurityContext security, String[] roles) {
        if (security.isUserInRole(Roles.ADMIN)) {
            return true;
        }
        for (String role : roles) {
            if (security.isUserInRole(role)) {
                return true;
            }
        }
        return false;
    }
}
