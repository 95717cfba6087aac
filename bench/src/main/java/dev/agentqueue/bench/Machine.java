package dev.agentqueue.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on, read from {@code /proc} (Linux) with neutral answers elsewhere. */
final class Machine {

    private Machine() {}

    /** Returns the 1, 5 and 15 minute load averages, e.g. {@code "0.31 0.52 0.60"}. */
    static String loadAverage() {
        String line = read("/proc/loadavg");
        String[] parts = line.split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    static JsonObject describe(int serverProcessors) {
        return Json.createObjectBuilder()
                .add("cores", Runtime.getRuntime().availableProcessors())
                .add("serverCores", serverProcessors)
                .add("cpu", field(read("/proc/cpuinfo"), "model name"))
                .add(
                        "memoryMiB",
                        Long.parseLong(field(read("/proc/meminfo"), "MemTotal").replaceAll("\\D", "")) >> 10)
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .build();
    }

    private static String field(String text, String name) {
        return text.lines()
                .filter(line -> line.startsWith(name))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("0");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
