package dev.agentqueue.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;

/**
 * Lets records hold user JSON (payloads, results) as JSON-P values, the type the contract SPI hands around: written
 * as JSON-P renders them, read token by token into JSON-P's own value types.
 */
final class JsonpValues extends SimpleModule {

    JsonpValues() {
        super("agentqueue-jsonp");
        addSerializer(JsonValue.class, new Writer());
        addDeserializer(JsonValue.class, new Reader<>(JsonValue.class, JsonValue.NULL));
        addDeserializer(JsonObject.class, new Reader<>(JsonObject.class, null));
        addDeserializer(JsonArray.class, new Reader<>(JsonArray.class, null));
    }

    private static final class Writer extends StdSerializer<JsonValue> {

        Writer() {
            super(JsonValue.class);
        }

        @Override
        public void serialize(JsonValue value, JsonGenerator json, SerializerProvider provider) throws IOException {
            // JSON-P's own rendering: user JSON leaves exactly as it did before records carried it.
            json.writeRawValue(value.toString());
        }
    }

    /** Reads one value; {@code nullValue} is what a JSON {@code null} becomes (JSON-P's NULL for a plain value). */
    private static final class Reader<T extends JsonValue> extends StdDeserializer<T> {

        private final transient T nullValue;

        Reader(Class<T> type, T nullValue) {
            super(type);
            this.nullValue = nullValue;
        }

        @Override
        public T deserialize(JsonParser json, DeserializationContext context) throws IOException {
            JsonValue value = read(json, Jsons.provider());
            if (!handledType().isInstance(value)) {
                return handledType().cast(context.handleUnexpectedToken(handledType(), json));
            }
            return handledType().cast(value);
        }

        @Override
        public T getNullValue(DeserializationContext context) {
            return nullValue;
        }

        /** A member left out is Java's null, told apart from an explicit JSON {@code null}. */
        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<T> handledType() {
            return (Class<T>) super.handledType();
        }
    }

    private static JsonValue read(JsonParser json, JsonProvider jsonp) throws IOException {
        JsonToken token = json.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                JsonObjectBuilder object = jsonp.createObjectBuilder();
                for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
                    json.nextToken();
                    object.add(name, read(json, jsonp));
                }
                yield object.build();
            }
            case START_ARRAY -> {
                JsonArrayBuilder array = jsonp.createArrayBuilder();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(json, jsonp));
                }
                yield array.build();
            }
            case VALUE_STRING -> jsonp.createValue(json.getText());
            case VALUE_NUMBER_INT ->
                switch (json.getNumberType()) {
                    case INT -> jsonp.createValue(json.getIntValue());
                    case LONG -> jsonp.createValue(json.getLongValue());
                    default -> jsonp.createValue(json.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> jsonp.createValue(json.getDecimalValue());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IOException("Unexpected JSON token " + token);
        };
    }
}
