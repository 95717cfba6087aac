package dev.agentqueue.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs an outside command (a script, a CLI) to its end and fails the test when it hangs or fails. */
public final class Commands {

    private Commands() {}

    /**
     * Starts {@code command} with its errors merged into its output and no input, waits up to {@code timeout} for it
     * to end, and returns what it printed (empty when {@code command} sends its output to a file).
     *
     * @throws AssertionError naming {@code what} when it does not end in time (it is then killed) or exits non-zero
     */
    public static String run(String what, ProcessBuilder command, Duration timeout) {
        try {
            Process process = command.redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(what + " did not end within " + timeout);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(what + " failed (" + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + what, e);
        }
    }
}
