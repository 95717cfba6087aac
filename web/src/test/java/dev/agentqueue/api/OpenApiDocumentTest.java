package dev.agentqueue.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the linter does not check in the OpenAPI document the build generated from the annotations: every operation
 * has an operationId, states who may call it, and gives every response a schema.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonObject document;

    @BeforeAll
    static void readTheGeneratedDocument() {
        document = GeneratedOpenApi.document();
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        List<String> ids = new ArrayList<>();
        eachOperation((endpoint, operation) -> ids.add(operation.getString("operationId", endpoint + " has none")));

        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[a-z][A-Za-z]+"));
    }

    @Test
    void everyOperationIsPublicOrNamesTheRolesThatMayCallIt() {
        eachOperation((endpoint, operation) -> {
            assertThat(operation.containsKey("security")).as(endpoint).isTrue();
            operation
                    .getJsonArray("security")
                    .forEach(
                            requirement -> assertThat(requirement.asJsonObject().getJsonArray(ApiApplication.BASIC))
                                    .as(endpoint + " roles")
                                    .isNotEmpty());
        });
    }

    @Test
    void everyResponseButNoContentHasASchema() {
        eachOperation((endpoint, operation) -> operation
                .getJsonObject("responses")
                .forEach((status, value) -> {
                    JsonObject response = resolve(value.asJsonObject());
                    if (status.equals("204")) {
                        // No Content: the one answer that has no body to describe.
                        assertThat(response.containsKey("content"))
                                .as(endpoint + " " + status)
                                .isFalse();
                        return;
                    }
                    assertThat(response.getJsonObject("content"))
                            .as(endpoint + " " + status)
                            .isNotEmpty();
                    response.getJsonObject("content")
                            .forEach((mediaType, content) -> assertThat(content.asJsonObject())
                                    .as(endpoint + " " + status + " " + mediaType)
                                    .containsKey("schema"));
                }));
    }

    @Test
    void everyErrorIsAProblem() {
        eachOperation((endpoint, operation) -> operation
                .getJsonObject("responses")
                .forEach((status, value) -> {
                    if (status.startsWith("4")) {
                        assertThat(resolve(value.asJsonObject())
                                        .getJsonObject("content")
                                        .keySet())
                                .as(endpoint + " " + status)
                                .containsExactly("application/problem+json");
                    }
                }));
    }

    private static void eachOperation(BiConsumer<String, JsonObject> check) {
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
                    if (HTTP_METHODS.contains(method)) {
                        check.accept(method.toUpperCase(java.util.Locale.ROOT) + " " + path, operation.asJsonObject());
                    }
                }));
    }

    /** Returns the response a {@code $ref} names in the components, or the response itself. */
    private static JsonObject resolve(JsonObject response) {
        if (!response.containsKey("$ref")) {
            return response;
        }
        String name = response.getString("$ref").substring("#/components/responses/".length());
        JsonValue target =
                document.getJsonObject("components").getJsonObject("responses").get(name);
        assertThat(target).as(response.getString("$ref")).isNotNull();
        return target.asJsonObject();
    }
}
