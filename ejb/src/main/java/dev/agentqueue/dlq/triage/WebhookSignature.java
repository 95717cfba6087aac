package dev.agentqueue.dlq.triage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body with HMAC-SHA256, so the receiver can tell it came from agentqueue unchanged: the header
 * {@value #HEADER} carries {@code sha256=} and the hex digest of the body under the shared secret.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-AgentQueue-Signature";

    private WebhookSignature() {}

    /** Returns the header value for {@code body} under {@code secret}: {@code sha256=<hex>}. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
