package dev.agentqueue.api.security;

import dev.agentqueue.api.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for what the servlet container refuses before JAX-RS sees the request (wrong or missing
 * credentials on a protected path, see {@code web.xml}): it answers with problem+json like the rest of the API.
 */
@WebServlet("/problem/*")
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        Problem problem = switch (status) {
            case HttpServletResponse.SC_UNAUTHORIZED -> RoleCheck.unauthenticated();
            case HttpServletResponse.SC_FORBIDDEN -> Problem.of(403, "forbidden", "Forbidden", null);
            default -> Problem.of(status, "http-" + status, "HTTP " + status, null);
        };
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", RoleCheck.challenge());
        }
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJson().toString());
    }
}
