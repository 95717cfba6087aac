package dev.agentqueue.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Applies a jboss-cli script to a stopped server copy through an embedded server, as the build applies configure.cli. */
final class OfflineCli {

    private static final long TIMEOUT_SECONDS = 180;

    private OfflineCli() {}

    /** Applies {@code script} to the standalone-full.xml of the server in {@code home}; fails if jboss-cli does. */
    static void apply(Path home, Path script) throws IOException {
        Path wrapped = Files.createTempFile(home.getParent(), "offline-", ".cli");
        Path log = home.resolveSibling("offline-cli.log");
        try {
            Files.writeString(
                    wrapped,
                    "embed-server --server-config=standalone-full.xml --std-out=discard\n" + Files.readString(script)
                            + "\nstop-embedded-server\n");
            ProcessBuilder builder = new ProcessBuilder(
                            List.of(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + wrapped))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("JAVA_OPTS");
            Process cli = builder.start();
            cli.getOutputStream().close();
            if (!cli.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new AssertionError("jboss-cli did not apply " + script + " within " + TIMEOUT_SECONDS + " s");
            }
            if (cli.exitValue() != 0) {
                throw new AssertionError(
                        "jboss-cli could not apply " + script + ": " + Files.readString(log, StandardCharsets.UTF_8));
            }
            Progress.say("applied %s to %s", script.getFileName(), home);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            Files.deleteIfExists(wrapped);
        }
    }
}
