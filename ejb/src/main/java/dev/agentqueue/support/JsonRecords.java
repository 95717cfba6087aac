package dev.agentqueue.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import java.io.UncheckedIOException;

/**
 * The application's one Jackson mapper: fixed-shape JSON (the task message's envelope, the task record's columns, the
 * API's bodies) is a Java record read and written here, while arbitrary user JSON stays a JSON-P value inside it.
 */
public final class JsonRecords {

    /**
     * Nesting and number limits as JSON-P's parser had them, so a document it accepted is still accepted: 1,000 levels
     * where Jackson's default is 500, numbers up to 1,100 digits where Jackson's is 1,000.
     */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(1000)
            .maxNumberLength(1100)
            .build();

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(LIMITS).build()))
            .build();

    private JsonRecords() {}

    /** Returns the shared mapper; it is thread-safe and must not be reconfigured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes a value as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Only a value the mapper cannot represent gets here, which is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    /** Reads JSON this application wrote itself, such as a column of a task record; a failure is a broken record. */
    public static <T> T readWritten(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Strict reading: a string is never taken for a number or a number for a string, a fraction never for an
     * integer, and members a record does not name are ignored (plain JMS producers may add their own).
     */
    private static Builder configure(Builder builder) {
        builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new JsonpValues());
        builder.withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        return builder;
    }
}
