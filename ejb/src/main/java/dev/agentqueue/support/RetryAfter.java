package dev.agentqueue.support;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header: the wait a server asked for, in delta-seconds or as an HTTP date. */
public final class RetryAfter {

    /** The header's name. */
    public static final String HEADER = "Retry-After";

    private RetryAfter() {}

    /** Returns the wait the {@code Retry-After} of {@code headers} asks for now, if it holds a usable one. */
    public static Optional<Duration> of(HttpHeaders headers) {
        return headers.firstValue(HEADER).flatMap(value -> parse(value, Instant.now()));
    }

    /**
     * Returns the wait {@code value} asks for as seen at {@code now}: never negative (a date in the past asks for
     * none); empty when it is neither a number of seconds nor an HTTP date.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration until = Duration.between(now, at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
