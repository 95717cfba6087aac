package dev.agentqueue.reliability;

import java.nio.file.Path;
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

    static Path path(String name) {
        String value = System.getProperty("reliability." + name);
        if (value == null) {
            throw new IllegalStateException(
                    "System property reliability." + name + " is not set; run the suite through Maven");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
