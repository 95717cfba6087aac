package dev.agentqueue.api.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What the build does to the OpenAPI document after reading the annotations: every operation that names roles gets
 * the 401 and 403 problem responses (so no resource repeats them), and a nullable reference means what it says.
 */
public class DocumentFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        boolean secured = operation.getSecurity() != null
                && operation.getSecurity().stream()
                        .anyMatch(requirement -> !requirement.getSchemes().isEmpty());
        APIResponses responses = operation.getResponses();
        if (secured && responses != null) {
            addIfMissing(responses, "401", ProblemResponses.UNAUTHENTICATED);
            addIfMissing(responses, "403", ProblemResponses.FORBIDDEN);
        }
        return operation;
    }

    /**
     * The generator writes a field like {@code error} (a record, or null) as {@code type: object} beside
     * {@code anyOf: [$ref, {type: null}]}, and that {@code type} would forbid the null.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf != null && anyOf.stream().anyMatch(DocumentFilter::isNull)) {
            schema.setType(null);
        }
        return schema;
    }

    private static void addIfMissing(APIResponses responses, String status, String response) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(response));
        }
    }

    private static boolean isNull(Schema schema) {
        return schema.getType() != null && schema.getType().equals(List.of(Schema.SchemaType.NULL));
    }
}
