package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.ApiUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The API admin user of one run, with a password generated now and kept only in memory; it is written into a server
 * copy by {@code server-config/wildfly/add-users.sh}, which stores its hash, as the ear module's build does.
 */
final class AdminUser {

    private AdminUser() {}

    /** Creates the run's admin user with a random password. */
    static ApiUser generate() {
        return ApiUser.generate("reliability-admin");
    }

    /** Adds {@code user}, role agentqueue-admin, to the application realm of the server in {@code jbossHome}. */
    static void addTo(Path jbossHome, ApiUser user) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Settings.path("add-users").toString(), jbossHome.toString())
                .redirectErrorStream(true);
        // The password travels in the environment, never on a command line.
        builder.environment().put("AGENTQUEUE_ADMIN_USER", user.name());
        builder.environment().put("AGENTQUEUE_ADMIN_PASSWORD", user.password());
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
}
