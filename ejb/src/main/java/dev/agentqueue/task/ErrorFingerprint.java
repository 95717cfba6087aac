package dev.agentqueue.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Derives a stable fingerprint from an error type and message, so that failures with one root cause group
 * together even when their messages differ in ids, numbers or timestamps.
 */
public final class ErrorFingerprint {

    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?\\b");
    private static final Pattern HEX_ID = Pattern.compile("\\b(0x)?(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ErrorFingerprint() {}

    /** Returns a short hex fingerprint for the given error type and message. */
    public static String of(String type, String message) {
        String basis = type + "|" + normalize(message == null ? "" : message);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Replaces the variable parts of a message (ids, timestamps, numbers) with placeholders. */
    public static String normalize(String message) {
        String text = UUID.matcher(message).replaceAll("<id>");
        text = TIMESTAMP.matcher(text).replaceAll("<time>");
        text = HEX_ID.matcher(text).replaceAll("<id>");
        text = NUMBER.matcher(text).replaceAll("<n>");
        return SPACES.matcher(text).replaceAll(" ").trim();
    }
}
