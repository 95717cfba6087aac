package dev.agentqueue.bench;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The dead-letter queue at scale: fills it with {@code letters} dead letters in {@value #GROUPS} root causes (tasks
 * that fail terminally, enqueued through the probe's EJB loop in interleaved chunks), then times the summary, the
 * listing, a redrive of one group and purges by filter while sampling the server's heap. Nothing may be lost: after
 * the redrive the group is back in full (its tasks fail again), and every count is checked against the broker.
 */
final class DeadLetterScale {

    static final int GROUPS = 10;
    private static final int CHUNK = 1_000;
    private static final Duration SETTLE = Duration.ofMinutes(60);

    private final AgentQueueApi api;
    private final Probe probe;
    private final PrintStream out;
    private final JsonObjectBuilder figures = Json.createObjectBuilder();

    DeadLetterScale(AgentQueueApi api, Probe probe, PrintStream out) {
        this.api = api;
        this.probe = probe;
        this.out = out;
    }

    /** Runs the scenario with {@code letters} dead letters and returns its figures. */
    JsonObject run(int letters, boolean purgeAll) {
        figures.add("letters", letters).add("groups", GROUPS);
        long depthBefore = depth();
        if (depthBefore >= letters) {
            // Filled by an earlier run against the same server (the client run by hand): measured as it is.
            say("the DLQ already holds %,d letters: no fill", depthBefore);
            depthBefore -= letters;
        } else {
            fill(letters, depthBefore);
        }
        figures.add("atRestHeap", probe.get("heap"));

        try (HeapSampler heap = new HeapSampler(probe)) {
            JsonObject summary =
                    timed("summaryMs", () -> api.get("dlq/summary").expect(200).json());
            check(summary.getJsonNumber("total").longValue() == depthBefore + letters, "summary total", summary);
            String first = fingerprint(summary, 0);
            String second = fingerprint(summary, 1);
            long groupSize = count(summary, first);

            JsonObject page = timed(
                    "listFirstPageMs",
                    () -> api.get("dlq?limit=100").expect(200).json());
            String cursor = page.getString("nextCursor");
            timed(
                    "listSecondPageMs",
                    () -> api.get("dlq?limit=100&cursor=" + cursor).expect(200).json());
            timed(
                    "listGroupPageMs",
                    () -> api.get("dlq?limit=100&fingerprint=" + first)
                            .expect(200)
                            .json());

            // The groups are spread over the whole queue, most of it paged to disk: the redrive and purge must still
            // move every letter of their group, and the heap must not grow with the letters they pass over.
            figures.add("groupSize", groupSize);
            figures.add("listingPeakHeapAfterGcMiB", heap.phasePeakAfterGcMiB());
            JsonObject redriven = timed("redriveGroupMs", () -> post("dlq/redrive", first));
            figures.add("redriveGroupMoved", redriven.getInt("redriven"));
            check(redriven.getInt("redriven") == groupSize, "letters redriven", redriven);
            long back = System.nanoTime();
            // The redriven tasks fail terminally again: the group returns in full, nothing lost or doubled.
            awaitDepth(depthBefore + letters);
            record("redrivenBackInDlqSeconds", back);
            check(count(api.get("dlq/summary").expect(200).json(), first) == groupSize, "group after redrive", null);
            figures.add("redrivePeakHeapAfterGcMiB", heap.phasePeakAfterGcMiB());

            long secondSize = count(api.get("dlq/summary").expect(200).json(), second);
            JsonObject purged = timed("purgeGroupMs", () -> post("dlq/purge", second));
            figures.add("purgeGroupMoved", purged.getInt("purged"));
            check(purged.getInt("purged") == secondSize, "letters purged", purged);
            check(depth() == depthBefore + letters - purged.getInt("purged"), "depth after the group purge", null);
            check(
                    api.get("dlq/summary")
                                    .expect(200)
                                    .json()
                                    .getJsonNumber("total")
                                    .longValue()
                            == depth(),
                    "summary total after the group purge",
                    null);
            figures.add("purgeGroupPeakHeapAfterGcMiB", heap.phasePeakAfterGcMiB());
            if (purgeAll) {
                long left = depth();
                JsonObject all = timed(
                        "purgeAllMs",
                        () -> api.postJson(
                                        "dlq/purge",
                                        Json.createObjectBuilder()
                                                .add("all", true)
                                                .build())
                                .expect(200)
                                .json());
                figures.add("purgeAllCount", all.getInt("purged"));
                check(all.getInt("purged") == left, "letters purged by the purge of all", all);
                check(depth() == 0, "depth after purging all", null);
                check(api.get("dlq/summary").expect(200).json().getInt("total") == 0, "summary after all", null);
                figures.add("purgeAllPeakHeapAfterGcMiB", heap.phasePeakAfterGcMiB());
            }
            figures.add("peakHeapMiB", heap.peakUsedMiB()).add("peakHeapAfterGcMiB", heap.peakAfterGcMiB());
        }
        return figures.build();
    }

    private void fill(int letters, long depthBefore) {
        long start = System.nanoTime();
        for (int chunk = 0; chunk * CHUNK < letters; chunk++) {
            int count = Math.min(CHUNK, letters - chunk * CHUNK);
            probe.post("enqueue?tasks=" + count + "&threads=8", failing(chunk % GROUPS));
            if ((chunk + 1) % 10 == 0) {
                say("enqueued %,d/%,d; dead letters so far %,d", (chunk + 1) * CHUNK, letters, depth());
            }
        }
        awaitDepth(depthBefore + letters);
        record("fillSeconds", start);
    }

    private static String failing(int group) {
        // Letters, not digits: a fingerprint ignores the numbers in a message.
        return "{\"job_type\":\"fail\",\"arguments\":{\"mode\":\"terminal\",\"message\":\"dlq-scale cause "
                + (char) ('a' + group) + "\"}}";
    }

    private JsonObject post(String path, String fingerprint) {
        JsonObject body = Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add("fingerprint", fingerprint))
                .build();
        Reply reply = api.postJson(path, body);
        return reply.expect(200).json();
    }

    private long depth() {
        return api.deadLetterQueue().getJsonNumber("depth").longValue();
    }

    private void awaitDepth(long expected) {
        Deadline.await(
                expected + " dead letters",
                SETTLE,
                this::depth,
                depth -> depth >= expected,
                depth -> depth + " dead letters, " + api.taskQueue().get("depth") + " tasks queued");
        check(depth() == expected, "dead letters (none doubled)", null);
    }

    private static String fingerprint(JsonObject summary, int index) {
        return summary.getJsonArray("groups").getJsonObject(index).getString("fingerprint");
    }

    private static long count(JsonObject summary, String fingerprint) {
        return summary.getJsonArray("groups").stream()
                .map(JsonValue::asJsonObject)
                .filter(group -> group.getString("fingerprint").equals(fingerprint))
                .mapToLong(group -> group.getJsonNumber("count").longValue())
                .findFirst()
                .orElse(0);
    }

    private <T> T timed(String name, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        figures.add(name, ms);
        say("%s: %,d ms", name, ms);
        return result;
    }

    private void record(String name, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        figures.add(name, seconds);
        say("%s: %.1f s", name, seconds);
    }

    private void check(boolean holds, String what, JsonObject detail) {
        if (!holds) {
            throw new IllegalStateException("dlq scale: " + what + " is wrong" + (detail == null ? "" : ": " + detail));
        }
    }

    private void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
