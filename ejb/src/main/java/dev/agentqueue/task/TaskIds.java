package dev.agentqueue.task;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates and checks task ids: UUIDv7, so ids sort by creation time. */
public final class TaskIds {

    /**
     * One generator per thread: the default {@code SecureRandom} on Linux funnels every thread through one lock,
     * which enqueueing threads contended on.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(TaskIds::newRandom);

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private TaskIds() {}

    /** Returns a new UUIDv7 whose first 48 bits are the given Unix time in milliseconds. */
    public static UUID newId(long epochMillis) {
        SecureRandom random = RANDOM.get();
        long randA = random.nextInt(1 << 12);
        long msb = (epochMillis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Returns a new UUIDv7 for the current time. */
    public static String next() {
        return newId(System.currentTimeMillis()).toString();
    }

    /** Derives a stable id from a broker message id, for plain JMS messages that carry none. */
    public static String fromMessageId(String messageId) {
        return UUID.nameUUIDFromBytes(("jms:" + messageId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** Tells whether the text is a task id in canonical lower-case UUID form. */
    public static boolean isValid(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }
}
