package dev.agentqueue.api.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Makes a nullable reference mean what it says: the generator writes a field like {@code error} (a record, or null)
 * as {@code type: object} beside {@code anyOf: [$ref, {type: null}]}, and that {@code type} would forbid the null.
 */
public class NullableReferences implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf != null && anyOf.stream().anyMatch(NullableReferences::isNull)) {
            schema.setType(null);
        }
        return schema;
    }

    private static boolean isNull(Schema schema) {
        return schema.getType() != null && schema.getType().equals(List.of(Schema.SchemaType.NULL));
    }
}
