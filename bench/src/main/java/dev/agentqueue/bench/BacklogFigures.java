package dev.agentqueue.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What a queued backlog costs the server, read through the probe: the broker's paging of the task queue (page files on
 * disk, messages it holds) and, for a large backlog, the heap after a full collection with the class histogram of what
 * holds it, once with everything queued and once drained. The histograms go to {@link #details()}.
 */
final class BacklogFigures {

    private static final int HISTOGRAM_CLASSES = 20;
    private static final double MIB = 1024.0 * 1024.0;

    private final Probe probe;
    private final PrintStream out;
    private final JsonObjectBuilder details = Json.createObjectBuilder();

    BacklogFigures(Probe probe, PrintStream out) {
        this.probe = probe;
        this.out = out;
    }

    /**
     * Records the broker's paging with all {@code tasks} queued and the workers paused, and the messages its task queue
     * holds (all of them, unless the broker dropped some); with {@code histogram}, also the live heap and what holds it.
     */
    void queued(Map<String, Double> m, int tasks, boolean histogram) {
        JsonObject paging = probe.get("paging");
        long held = paging.getJsonNumber("queueMessageCount").longValue();
        m.put("w4.queuedMessages", (double) held);
        if (held != tasks) {
            // Not fatal here: whether every task still completes exactly once is checked after the drain.
            say("w4: WARNING: the task queue holds %,d messages for %,d tasks", held, tasks);
        }
        m.put("w4.paging", paging.getBoolean("paging") ? 1.0 : 0.0);
        m.put("w4.pageFiles", (double) paging.getJsonNumber("pageFiles").longValue());
        m.put("w4.pageFileMiB", paging.getJsonNumber("pageFileBytes").longValue() / MIB);
        say(
                "w4: %,d queued; the broker %s: %,d page files, %,.0f MiB on disk, %,.1f MiB of the address in memory",
                held,
                paging.getBoolean("paging") ? "pages" : "does not page",
                paging.getJsonNumber("pageFiles").longValue(),
                m.get("w4.pageFileMiB"),
                paging.getJsonNumber("addressSizeBytes").longValue() / MIB);
        if (histogram) {
            m.put("w4.queuedLiveHeapMiB", liveHeap("queued"));
        }
    }

    /** Records the live heap and what holds it once the backlog is drained. */
    void drained(Map<String, Double> m) {
        m.put("w4.drainedLiveHeapMiB", liveHeap("drained"));
    }

    /** Returns how many of {@code done} completed on their first attempt: each ran once. */
    static long completedOnce(List<TaskRecords.Task> done) {
        return done.stream()
                .filter(t -> "COMPLETED".equals(t.state()) && t.attempt() == 1)
                .count();
    }

    /** The class histograms taken, by moment ({@code queued}, {@code drained}). */
    JsonObject details() {
        return details.build();
    }

    /** Takes a class histogram (a full collection) and returns the heap used after it, in MiB. */
    private double liveHeap(String moment) {
        JsonObject answer = probe.post("heap/histogram?top=" + HISTOGRAM_CLASSES, "");
        double live = answer.getJsonObject("heap").getJsonNumber("used").longValue() / MIB;
        details.add(
                "w4." + moment + "Heap",
                Json.createObjectBuilder().add("liveMiB", live).add("histogram", answer.getJsonArray("histogram")));
        say("w4: %s, live heap after a full GC %,.0f MiB; largest holders:", moment, live);
        answer.getJsonArray("histogram").getValuesAs(JsonString.class).stream()
                .limit(HISTOGRAM_CLASSES / 2 + 2)
                .forEach(line -> say("    %s", line.getString()));
        return live;
    }

    private void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
