package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.process.Commands;
import java.nio.file.Path;
import java.time.Duration;

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
    static void addTo(Path jbossHome, ApiUser user) {
        ProcessBuilder builder = new ProcessBuilder(Settings.path("add-users").toString(), jbossHome.toString());
        // The password travels in the environment, never on a command line.
        builder.environment().put("AGENTQUEUE_ADMIN_USER", user.name());
        builder.environment().put("AGENTQUEUE_ADMIN_PASSWORD", user.password());
        Commands.run("add-users.sh", builder, Duration.ofSeconds(60));
    }
}
