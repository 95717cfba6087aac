package dev.agentqueue.api.system;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /openapi}: the API's OpenAPI 3 document, kept by hand in {@code META-INF/openapi.yaml} so that it needs
 * nothing from the server (a server with MicroProfile OpenAPI enabled publishes the same file at {@code /openapi}).
 */
@Path("openapi")
@PermitAll
@ApplicationScoped
public class OpenApiResource {

    static final String DOCUMENT = "/META-INF/openapi.yaml";

    @GET
    @Produces({"application/yaml", "text/plain"})
    public String document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the web module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
