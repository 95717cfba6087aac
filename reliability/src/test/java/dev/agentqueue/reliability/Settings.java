package dev.agentqueue.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The suite's settings, from the system properties failsafe sets (reliability/pom.xml). */
final class Settings {

    private Settings() {}

    /** Tells whether this run uses the full sizes of issue 6 rather than the reduced CI sizes. */
    static boolean full() {
        return "full".equals(scale());
    }

    /** Returns {@code ci} or {@code full}. */
    static String scale() {
        return System.getProperty("reliability.scale", "ci").toLowerCase(Locale.ROOT);
    }

    /** Returns {@code ciValue} or, at full scale, {@code fullValue}. */
    static int size(int ciValue, int fullValue) {
        return full() ? fullValue : ciValue;
    }

    static int portOffset() {
        return Integer.getInteger("reliability.port.offset", 500);
    }

    static int httpPort() {
        return Integer.getInteger("reliability.http.port", 8080 + portOffset());
    }

    static int managementPort() {
        return Integer.getInteger("reliability.management.port", 9990 + portOffset());
    }

    static int redisPort() {
        return Integer.getInteger("reliability.redis.port", 6890);
    }

    /** Returns the port of the replica in scenarios with a Sentinel group. */
    static int redisReplicaPort() {
        return Integer.getInteger("reliability.redis.replica.port", redisPort() + 1);
    }

    /** Returns the ports of the three Sentinels in scenarios with a Sentinel group. */
    static List<Integer> sentinelPorts() {
        return List.of(1, 2, 3).stream()
                .map(n -> Integer.getInteger("reliability.sentinel.port." + n, redisPort() + 1 + n))
                .toList();
    }

    static Path path(String name) {
        String value = System.getProperty("reliability." + name);
        if (value == null) {
            throw new IllegalStateException(
                    "System property reliability." + name + " is not set; run the suite through Maven");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
