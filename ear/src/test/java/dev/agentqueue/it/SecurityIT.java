package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.ApiEndpoints;
import dev.agentqueue.it.support.ApiEndpoints.DocumentedOperation;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.api.Reply;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route against every role: no credentials or wrong ones get 401 with a Basic challenge, a user without the
 * route's role gets 403, a user with it gets through; all refusals are problem+json and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    /** An id no task has, so that authorized calls answer 404 and change nothing. */
    private static final String UNKNOWN_ID = "01890a5d-ac96-774b-bcce-b302099a8057";

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /** A fingerprint no dead letter has: the security checks change only its triage state. */
    private static final String FINGERPRINT = "00000000000000ff";

    /** The routes anyone may call: the load balancer's probe and the public contract. */
    private static final Set<String> PUBLIC = Set.of("GET health", "GET openapi");

    /** The role each single-role IT user has, as the API and its OpenAPI document name it. */
    private static final Map<Role, String> ROLE_NAMES = Map.of(
            Role.PRODUCER, "agentqueue-producer", Role.VIEWER, "agentqueue-viewer", Role.ADMIN, "agentqueue-admin");

    /** A route (its endpoint and a concrete path), the roles that may call it, and the status an allowed call answers. */
    record Route(String method, String template, String path, String body, Set<Role> allowed, int allowedStatus) {

        Route(String method, String path, String body, Set<Role> allowed, int allowedStatus) {
            this(method, path.replaceAll("\\?.*", ""), path, body, allowed, allowedStatus);
        }

        String endpoint() {
            return method + " " + template;
        }

        Reply call(AgentQueueApi client) {
            return switch (method) {
                case "GET" -> client.get(path);
                case "DELETE" -> client.delete(path);
                case "PUT" ->
                    client.putJson(
                            path,
                            body == null
                                    ? null
                                    : Json.createReader(new StringReader(body)).readValue());
                default -> client.post(path, "application/json", body);
            };
        }

        @Override
        public String toString() {
            return method + " /" + path;
        }
    }

    static Stream<Route> routes() {
        String enqueue =
                Jobs.echo(jakarta.json.Json.createObjectBuilder()).build().toString();
        String unknownIds = "{\"ids\":[\"" + UNKNOWN_ID + "\"]}";
        Set<Role> readers = EnumSet.of(Role.VIEWER, Role.CLIENT, Role.ADMIN);
        Set<Role> admins = EnumSet.of(Role.ADMIN);
        return Stream.of(
                new Route("POST", "tasks", enqueue, EnumSet.of(Role.PRODUCER, Role.CLIENT, Role.ADMIN), 202),
                new Route(
                        "POST",
                        "tasks/batch",
                        "{\"tasks\":[" + enqueue + "]}",
                        EnumSet.of(Role.PRODUCER, Role.CLIENT, Role.ADMIN),
                        202),
                new Route("GET", "tasks?state=COMPLETED&limit=1", null, readers, 200),
                new Route("GET", "tasks/{id}", "tasks/" + UNKNOWN_ID, null, readers, 404),
                new Route("DELETE", "tasks/{id}", "tasks/" + UNKNOWN_ID, null, admins, 404),
                new Route("POST", "flows", "{}", EnumSet.of(Role.PRODUCER, Role.CLIENT, Role.ADMIN), 400),
                new Route("GET", "flows/{id}", "flows/" + UNKNOWN_ID, null, readers, 404),
                new Route("DELETE", "flows/{id}", "flows/" + UNKNOWN_ID, null, admins, 404),
                new Route("GET", "tasks/{id}/events", "tasks/" + UNKNOWN_ID + "/events", null, readers, 404),
                new Route("GET", "queues", null, readers, 200),
                new Route("GET", "stats", null, readers, 200),
                new Route("GET", "me", null, EnumSet.allOf(Role.class), 200),
                new Route("GET", "dlq?limit=1", null, readers, 200),
                new Route("GET", "dlq/summary", null, readers, 200),
                new Route("POST", "dlq/redrive", unknownIds, admins, 404),
                new Route("POST", "dlq/purge", unknownIds, admins, 404),
                new Route(
                        "POST",
                        "dlq/letters/{taskId}/redrive",
                        "dlq/letters/" + UNKNOWN_ID + "/redrive",
                        "{\"patch\":{}}",
                        admins,
                        409),
                new Route("POST", "dlq/redrive-jobs", "{}", admins, 400),
                new Route("GET", "dlq/redrive-jobs/{id}", "dlq/redrive-jobs/" + UNKNOWN_ID, null, readers, 404),
                new Route(
                        "POST",
                        "dlq/redrive-jobs/{id}/confirm",
                        "dlq/redrive-jobs/" + UNKNOWN_ID + "/confirm",
                        "",
                        admins,
                        404),
                new Route("DELETE", "dlq/redrive-jobs/{id}", "dlq/redrive-jobs/" + UNKNOWN_ID, null, admins, 404),
                new Route("GET", "dlq/breaker-redrives", null, readers, 200),
                new Route("POST", "dlq/breaker-redrives", "{}", admins, 400),
                new Route(
                        "DELETE", "dlq/breaker-redrives/{id}", "dlq/breaker-redrives/" + UNKNOWN_ID, null, admins, 404),
                new Route("GET", "dlq/groups", null, readers, 200),
                new Route("GET", "dlq/groups/{fingerprint}", "dlq/groups/" + FINGERPRINT, null, readers, 200),
                groupRoute("PUT", "note", "{\"note\":\"\"}"),
                groupRoute("PUT", "investigation", null),
                groupRoute("DELETE", "investigation", null),
                groupRoute("PUT", "mute", null),
                groupRoute("DELETE", "mute", null),
                new Route("GET", "breakers", null, readers, 200),
                new Route("GET", "breakers/{name}", "breakers/no-such-breaker", null, readers, 404),
                new Route("POST", "breakers/{name}/reset", "breakers/no-such-breaker/reset", "", admins, 404),
                new Route("GET", "limits", null, readers, 200),
                new Route("PUT", "limits/{scope}", "limits/no-such-scope", "{}", admins, 400),
                new Route("DELETE", "limits/{scope}", "limits/agent:no-such-agent", null, admins, 404));
    }

    /** An admin's triage route of a dead-letter group, answering 200. */
    private static Route groupRoute(String method, String action, String body) {
        return new Route(
                method,
                "dlq/groups/{fingerprint}/" + action,
                "dlq/groups/" + FINGERPRINT + "/" + action,
                body,
                EnumSet.of(Role.ADMIN),
                200);
    }

    static Stream<Arguments> routesAndRoles() {
        return routes().flatMap(route -> EnumSet.allOf(Role.class).stream().map(role -> Arguments.of(route, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("routesAndRoles")
    void aRouteAnswersItsRolesAndRefusesTheOthersWith403(Route route, Role role) {
        Reply reply = route.call(api.as(role.apiUser()));

        if (route.allowed().contains(role)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(route.allowedStatus());
        } else {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getInt("status")).isEqualTo(403);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aRouteWithoutCredentialsAnswers401WithAChallenge(Route route) {
        Reply reply = route.call(api.anonymous());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(401);
    }

    @Test
    void aWrongPasswordAnswers401AndNothingIsEnqueued() {
        long added = api.taskQueue().getJsonNumber("messagesAdded").longValue();

        Reply reply = routes().findFirst().orElseThrow().call(api.as(new ApiUser("it-admin", "wrong")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("wrong");
        assertThat(api.taskQueue().getJsonNumber("messagesAdded").longValue()).isEqualTo(added);
    }

    @Test
    void everyEndpointThatShipsHasARoleExpectationAndIsDocumented() {
        Set<String> expected = new TreeSet<>(PUBLIC);
        routes().map(Route::endpoint).forEach(expected::add);

        Set<String> resources = ApiEndpoints.ofResources(Deployments.ear(), Deployments.WEB_MODULE);
        Set<String> documented = documentedOperations().keySet();

        // A new resource method fails here until this test says who may call it (and the OpenAPI document lists it).
        assertThat(resources).as("JAX-RS resource methods").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(documented).as("OpenAPI operations").containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void theOpenApiDocumentNamesTheRolesThatMayCallARoute(Route route) {
        DocumentedOperation operation = documentedOperations().get(route.endpoint());

        // The document names the roles of @RolesAllowed; an admin may call everything (RoleCheck), said once in its
        // description. CLIENT is a user with two roles, so it stands for no role name of its own.
        Set<String> mayCall = new TreeSet<>(operation.roles());
        mayCall.add(ROLE_NAMES.get(Role.ADMIN));
        Set<String> allowed = new TreeSet<>();
        route.allowed().stream().filter(ROLE_NAMES::containsKey).forEach(role -> allowed.add(ROLE_NAMES.get(role)));
        assertThat(operation.open()).as("public").isFalse();
        assertThat(mayCall).as(route.endpoint() + " roles").isEqualTo(allowed);
    }

    @Test
    void healthAndTheOpenApiDocumentArePublic() {
        AgentQueueApi anonymous = api.anonymous();

        Reply health = anonymous.get("health");
        Reply openapi = anonymous.get("openapi");

        assertThat(health.status()).isEqualTo(200);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.contentType()).startsWith("application/yaml");
        assertThat(ApiEndpoints.ofOpenApi(openapi.body()))
                .containsKeys("POST dlq/redrive", "GET tasks/{id}")
                .allSatisfy((endpoint, operation) ->
                        assertThat(operation.open()).as(endpoint + " public").isEqualTo(PUBLIC.contains(endpoint)));
    }

    private Map<String, DocumentedOperation> documentedOperations() {
        return ApiEndpoints.ofOpenApi(api.anonymous().get("openapi").body());
    }
}
