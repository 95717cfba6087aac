package dev.agentqueue.limits;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rate-limit headers OpenAI-compatible providers send ({@code x-ratelimit-limit-requests},
 * {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests} and the same for {@code tokens}), so
 * that calls pause before the provider starts answering 429: when what remains of a limit is down to
 * {@value #FLOOR_PERCENT}% of it (or nothing), until the reset the provider named.
 */
public final class RateLimitHeaders {

    /** What may remain of a provider's limit before its endpoint pauses, in percent of the limit. */
    static final int FLOOR_PERCENT = 1;

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitHeaders() {}

    /** Returns until when calls should pause after an answer with these headers ({@code now} in ms); empty: no need. */
    public static OptionalLong pauseUntil(Map<String, List<String>> headers, long now) {
        long until = 0;
        for (String kind : List.of("requests", "tokens")) {
            OptionalLong remaining = number(headers, "x-ratelimit-remaining-" + kind);
            OptionalLong reset = first(headers, "x-ratelimit-reset-" + kind).stream()
                    .mapToLong(RateLimitHeaders::durationMs)
                    .filter(ms -> ms >= 0)
                    .findFirst();
            if (remaining.isEmpty() || reset.isEmpty()) {
                continue;
            }
            long limit = number(headers, "x-ratelimit-limit-" + kind).orElse(0);
            if (remaining.getAsLong() <= limit * FLOOR_PERCENT / 100) {
                until = Math.max(until, now + reset.getAsLong());
            }
        }
        return until > now ? OptionalLong.of(until) : OptionalLong.empty();
    }

    /** Parses a reset such as {@code 20ms}, {@code 1s}, {@code 6m0s} or {@code 1h2m3.5s} into ms; -1 if it is none. */
    static long durationMs(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(value);
        double ms = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            ms += switch (m.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1_000;
                default -> amount;
            };
            end = m.end();
        }
        return end == value.length() && end > 0 ? (long) Math.ceil(ms) : -1;
    }

    private static OptionalLong number(Map<String, List<String>> headers, String name) {
        try {
            return first(headers, name).stream()
                    .mapToLong(v -> Long.parseLong(v.trim()))
                    .findFirst();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }
}
