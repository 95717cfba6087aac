package dev.agentqueue.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a program in a JVM of its own whose class path holds only that program's package and the jars the build put in
 * {@code agentqueue.it.remote-client-lib} (the client artifact and WildFly's client library), so a test proves that a
 * remote application needs nothing else. Credentials go in through the environment, never on the command line.
 */
public final class ClientJvm {

    private static final String LIB_PROPERTY = "agentqueue.it.remote-client-lib";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Class<?> program;
    private final Path workDir;

    private ClientJvm(Class<?> program, Path workDir) {
        this.program = program;
        this.workDir = workDir;
    }

    /** Prepares to run {@code program}: copies its package's classes, and nothing else of the tests, to a class dir. */
    public static ClientJvm of(Class<?> program) {
        Path lib = Path.of(System.getProperty(LIB_PROPERTY, "target/remote-client/lib"));
        Path workDir = lib.resolveSibling("run");
        Path classes = workDir.resolve("classes");
        String packagePath = program.getPackageName().replace('.', '/');
        try {
            Path source = Path.of(program.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolve(packagePath);
            Path target = classes.resolve(packagePath);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ClientJvm(program, workDir);
    }

    /** The JVM's exit code, the last line it printed and its error output (for failure messages). */
    public record Outcome(int exitCode, String lastLine, String errors) {

        @Override
        public String toString() {
            return "exit " + exitCode + ", printed '" + lastLine + "', stderr:\n" + errors;
        }
    }

    /** Runs the program with {@code args} and {@code environment} added to this JVM's, and waits for it to end. */
    public Outcome run(String name, Map<String, String> environment, String... args) {
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                program.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(
                        name + " did not end within " + TIMEOUT + "; stderr:\n" + Files.readString(err));
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            return new Outcome(
                    process.exitValue(), lines.isEmpty() ? "" : lines.get(lines.size() - 1), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + name + " ran", e);
        }
    }

    private String classPath() {
        Path lib = workDir.resolveSibling("lib");
        List<String> entries =
                new ArrayList<>(List.of(workDir.resolve("classes").toString()));
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
