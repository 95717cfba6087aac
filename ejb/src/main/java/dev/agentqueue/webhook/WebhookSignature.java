package dev.agentqueue.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body with HMAC-SHA256, so the receiver can tell it came from agentqueue unchanged: the header
 * {@value #HEADER} carries {@code sha256=} and the hex digest under the shared secret, of the body alone or, for a
 * timestamped webhook, of {@code <timestamp>.<body>} with the timestamp in {@value #TIMESTAMP_HEADER}, so that a
 * receiver can refuse an old post replayed.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-AgentQueue-Signature";

    /** The header that carries the signed timestamp (Unix seconds) of a timestamped webhook. */
    public static final String TIMESTAMP_HEADER = "X-AgentQueue-Timestamp";

    private WebhookSignature() {}

    /** Returns the header value for {@code body} under {@code secret}: {@code sha256=<hex>}. */
    public static String sign(String secret, String body) {
        return "sha256=" + hmacHex(secret, body);
    }

    /** Returns the header value for {@code body} sent at {@code epochSeconds}: the signature of {@code <ts>.<body>}. */
    public static String sign(String secret, long epochSeconds, String body) {
        return sign(secret, epochSeconds + "." + body);
    }

    private static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
