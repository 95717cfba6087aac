package dev.agentqueue.testsupport.api;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A user of the API, logging in with HTTP Basic. Its password never shows in {@link #toString()}, so it cannot leak
 * into a test report.
 */
public record ApiUser(String name, String password) {

    /** Returns a user named {@code name} with a random password, generated now and kept only in memory. */
    public static ApiUser generate(String name) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return new ApiUser(name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Returns the value of an HTTP Basic {@code Authorization} header that logs in as this user. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiUser[" + name + "]";
    }
}
