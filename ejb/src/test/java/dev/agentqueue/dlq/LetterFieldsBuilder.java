package dev.agentqueue.dlq;

import java.util.HashMap;
import java.util.Map;

/** Test data: the fields of a dead letter as a walk reads them, {@code aLetter().with("p", "v").sentAt(5).build()}. */
final class LetterFieldsBuilder {

    private final Map<String, Object> properties = new HashMap<>();
    private long timestamp = 1_000;

    private LetterFieldsBuilder() {}

    static LetterFieldsBuilder aLetter() {
        return new LetterFieldsBuilder();
    }

    LetterFieldsBuilder with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    LetterFieldsBuilder sentAt(long timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    LetterFields build() {
        Map<String, Object> fields = Map.copyOf(properties);
        long sent = timestamp;
        return new LetterFields() {
            @Override
            public Object property(String name) {
                return fields.get(name);
            }

            @Override
            public long timestamp() {
                return sent;
            }
        };
    }
}
