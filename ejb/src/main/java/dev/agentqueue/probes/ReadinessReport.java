package dev.agentqueue.probes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether agentqueue can take and run work, from what its two dependencies answered: ready only when both Redis and
 * the broker did. {@code data} names each dependency's status and, for one that is down, why.
 */
public record ReadinessReport(boolean up, Map<String, String> data) {

    /** One dependency's answer: up, or down for {@code detail}. */
    public record Dependency(String name, boolean up, String detail) {

        public static Dependency up(String name) {
            return new Dependency(name, true, null);
        }

        public static Dependency down(String name, String detail) {
            return new Dependency(name, false, detail);
        }
    }

    /** Combines the answers of the dependencies. */
    public static ReadinessReport of(Dependency... dependencies) {
        boolean up = true;
        Map<String, String> data = new LinkedHashMap<>();
        for (Dependency dependency : dependencies) {
            up &= dependency.up();
            data.put(dependency.name(), dependency.up() ? "UP" : "DOWN");
            if (!dependency.up()) {
                data.put(dependency.name() + ".detail", String.valueOf(dependency.detail()));
            }
        }
        return new ReadinessReport(up, Map.copyOf(data));
    }
}
