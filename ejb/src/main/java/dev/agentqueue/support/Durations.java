package dev.agentqueue.support;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Parses the duration strings used in configuration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 7d} or ISO-8601. */
public final class Durations {

    private static final Set<String> UNITS = Set.of("ms", "s", "m", "h", "d");

    private Durations() {}

    /** Parses a duration; a bare number means milliseconds. */
    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        // By hand rather than with a regular expression: the settings read their durations on every task.
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        String unit = value.substring(digits).stripLeading();
        if (digits == 0 || !(unit.isEmpty() || UNITS.contains(unit))) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (use e.g. 500ms, 5s, 2m, 1h, 7d)");
        }
        long amount = Long.parseLong(value, 0, digits, 10);
        return switch (unit) {
            case "", "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
