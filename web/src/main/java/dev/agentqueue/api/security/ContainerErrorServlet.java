package dev.agentqueue.api.security;

import dev.agentqueue.api.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error page for what the servlet container refuses or fails before JAX-RS sees the request (wrong, missing or
 * unreadable credentials on a protected path, see {@code web.xml}): it answers with problem+json like the rest of the
 * API.
 */
@WebServlet("/problem/*")
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        if (status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && hasUnreadableBasicCredentials(request)) {
            // The container's Basic mechanism fails on credentials that are not Base64 "user:password": that is the
            // caller's mistake, answered like any other failed login.
            status = HttpServletResponse.SC_UNAUTHORIZED;
        }
        Problem problem = switch (status) {
            case HttpServletResponse.SC_UNAUTHORIZED -> RoleCheck.unauthenticated();
            case HttpServletResponse.SC_FORBIDDEN -> Problem.of(403, "forbidden", "Forbidden", null);
            case HttpServletResponse.SC_INTERNAL_SERVER_ERROR ->
                Problem.of(
                        500,
                        "internal-error",
                        "Internal error",
                        "The request failed unexpectedly; the server log has the details");
            default -> Problem.of(status, "http-" + status, "HTTP " + status, null);
        };
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", RoleCheck.challenge());
        }
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.body());
    }

    /** Returns whether the request carries Basic credentials that do not decode to {@code user:password}. */
    static boolean hasUnreadableBasicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic", 0, 5)) {
            return false;
        }
        try {
            String credentials =
                    new String(Base64.getDecoder().decode(header.substring(5).strip()), StandardCharsets.UTF_8);
            return credentials.indexOf(':') < 0;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
