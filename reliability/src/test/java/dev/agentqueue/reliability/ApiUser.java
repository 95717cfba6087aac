package dev.agentqueue.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The API admin user of one run, with a password generated now and kept only in memory; it is written into a server
 * copy by {@code server-config/wildfly/add-users.sh}, which stores its hash, as the ear module's build does.
 */
record ApiUser(String name, String password) {

    /** Creates the admin user with a random password. */
    static ApiUser generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return new ApiUser(
                "reliability-admin", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Returns the value of an HTTP Basic {@code Authorization} header. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds this user, role agentqueue-admin, to the application realm of the server in {@code jbossHome}. */
    void addTo(Path jbossHome) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Settings.path("add-users").toString(), jbossHome.toString())
                .redirectErrorStream(true);
        // The password travels in the environment, never on a command line.
        builder.environment().put("AGENTQUEUE_ADMIN_USER", name);
        builder.environment().put("AGENTQUEUE_ADMIN_PASSWORD", password);
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("add-users.sh failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding the API user", e);
        }
    }

    @Override
    public String toString() {
        return "ApiUser[" + name + "]";
    }
}
