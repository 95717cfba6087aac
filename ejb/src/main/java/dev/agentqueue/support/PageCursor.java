package dev.agentqueue.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The position after the last item of a page: a sort key (a time in epoch milliseconds) and the task id that
 * breaks ties. Clients see it only as an opaque token; {@link #decode} refuses anything it did not {@link #encode}.
 */
public record PageCursor(long position, String id) {

    private static final String VERSION = "c1";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_TOKEN_LENGTH = 200;

    /** Returns the opaque token for this position. */
    public String encode() {
        String plain = VERSION + ":" + position + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token made by {@link #encode}.
     *
     * @throws IllegalArgumentException when the token is not one
     */
    public static PageCursor decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("cursor is empty or too long");
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not a token this API issued", e);
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 3
                || !VERSION.equals(parts[0])
                || !ID.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("cursor is not a token this API issued");
        }
        try {
            long position = Long.parseLong(parts[1]);
            if (position < 0) {
                throw new IllegalArgumentException("cursor is not a token this API issued");
            }
            return new PageCursor(position, parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor is not a token this API issued", e);
        }
    }
}
