package dev.agentqueue.bench;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench client's command line. {@code run} measures one phase (one server start, one worker concurrency) and
 * writes it as JSON; {@code report} merges phases into the results file and the table of {@code docs/BENCHMARKS.md}.
 * {@code bench/run} calls both; see its header for the flags.
 */
public final class Bench {

    /** What one phase measures, and where; {@code backlog} is W4's task count, or 0 for its scale's. */
    public record Options(
            URI url,
            String redisUrl,
            String user,
            String password,
            int concurrency,
            List<String> workloads,
            Scale scale,
            int runs,
            boolean flushRedis,
            int backlog) {

        /** Returns the user the client calls the API as, or null to call without credentials. */
        ApiUser apiUser() {
            return user == null || user.isEmpty() ? null : new ApiUser(user, password == null ? "" : password);
        }
    }

    private Bench() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> flags = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--flush-redis") || args[i].equals("--purge-all")) {
                flags.put(args[i].substring(2), "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                flags.put(args[i].substring(2), args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        switch (args[0]) {
            case "run" -> {
                Options options = new Options(
                        URI.create(required(flags, "url")),
                        required(flags, "redis"),
                        flags.getOrDefault("user", System.getenv("AGENTQUEUE_USER")),
                        flags.getOrDefault("password", System.getenv("AGENTQUEUE_PASSWORD")),
                        Integer.parseInt(flags.getOrDefault("concurrency", "8")),
                        Arrays.asList(flags.getOrDefault("workloads", "ceiling,w1,w2,w3,w4")
                                .split(",")),
                        Scale.valueOf(flags.getOrDefault("scale", "full").toUpperCase(Locale.ROOT)),
                        Integer.parseInt(flags.getOrDefault("runs", "3")),
                        flags.containsKey("flush-redis"),
                        Integer.parseInt(flags.getOrDefault("backlog", "0")));
                Report.write(Path.of(required(flags, "out")), runPhase(options, System.out));
            }
            case "report" -> {
                List<JsonObject> phases =
                        files.stream().map(Path::of).map(Report::read).toList();
                JsonObject results = Report.results(
                        phases, flags.getOrDefault("command", "bench/run"), flags.getOrDefault("label", "?"));
                if (flags.containsKey("bullmq")) {
                    results = Json.createObjectBuilder(results)
                            .add(
                                    "bullmq",
                                    BullmqComparison.section(
                                            results, BullmqComparison.readResults(Path.of(flags.get("bullmq")))))
                            .build();
                }
                Path out = Path.of(required(flags, "out"));
                Report.write(out, results);
                if (flags.containsKey("doc")) {
                    updateDoc(Path.of(flags.get("doc")), results, flags.getOrDefault("name", out.toString()));
                }
                System.out.print(Report.markdown(results, flags.getOrDefault("name", out.toString())));
            }
            case "dlq" -> {
                Options options = new Options(
                        URI.create(required(flags, "url")),
                        null,
                        flags.getOrDefault("user", System.getenv("AGENTQUEUE_USER")),
                        flags.getOrDefault("password", System.getenv("AGENTQUEUE_PASSWORD")),
                        0,
                        List.of(),
                        Scale.FULL,
                        1,
                        false,
                        0);
                AgentQueueApi api = AgentQueueApi.at(options.url().resolve("/agentqueue/"), options.apiUser())
                        .withTimeout(Duration.ofHours(1));
                JsonObject figures = new DeadLetterScale(api, new Probe(options.url()), System.out)
                        .run(Integer.parseInt(flags.getOrDefault("letters", "100000")), flags.containsKey("purge-all"));
                Report.write(Path.of(required(flags, "out")), figures);
                System.out.println(figures);
            }
            case "compare" -> {
                if (files.size() != 2) {
                    usage();
                }
                System.out.print(Report.compare(
                        Report.read(Path.of(files.get(0))),
                        Report.read(Path.of(files.get(1))),
                        flags.getOrDefault("before", "before"),
                        flags.getOrDefault("after", "after")));
            }
            case "sizes" -> {
                // For bench/run, which runs BullMQ at the same sizes: W1 tasks, W2 tasks, W3 seconds.
                Scale scale = Scale.valueOf(flags.getOrDefault("scale", "full").toUpperCase(Locale.ROOT));
                System.out.println(scale.noopTasks + " " + scale.ioTasks + " " + scale.latencySeconds);
            }
            default -> usage();
        }
    }

    /** Runs the chosen workloads {@code runs} times against one server and returns the phase's record. */
    public static JsonObject runPhase(Options options, PrintStream out) {
        // Enqueues may wait behind a busy server under load: a minute before a call counts as failed.
        AgentQueueApi api = AgentQueueApi.at(options.url().resolve("/agentqueue/"), options.apiUser())
                .withTimeout(Duration.ofSeconds(60));
        Probe probe = new Probe(options.url());
        try (TaskRecords records = new TaskRecords(options.redisUrl())) {
            Workloads workloads = new Workloads(
                    api,
                    probe,
                    records,
                    options.scale(),
                    options.concurrency(),
                    options.flushRedis(),
                    options.backlog(),
                    out);
            String loadBefore = Machine.loadAverage();
            String startedAt = Instant.now().toString();
            JsonArrayBuilder results = Json.createArrayBuilder();
            workloads.warmUp();
            for (int run = 1; run <= options.runs(); run++) {
                out.printf(
                        "== run %d/%d, worker concurrency %d, scale %s, load average %s%n",
                        run,
                        options.runs(),
                        options.concurrency(),
                        options.scale().name().toLowerCase(Locale.ROOT),
                        Machine.loadAverage());
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (String workload : options.workloads()) {
                    workloads.run(workload.trim(), metrics);
                }
                JsonObjectBuilder run1 = Json.createObjectBuilder();
                metrics.forEach(run1::add);
                results.add(run1);
            }
            JsonObject heap = probe.get("heap");
            JsonArrayBuilder names = Json.createArrayBuilder();
            options.workloads().forEach(w -> names.add(w.trim()));
            return Json.createObjectBuilder()
                    .add("scale", options.scale().name().toLowerCase(Locale.ROOT))
                    .add("concurrency", options.concurrency())
                    .add("workloads", names)
                    .add("runs", options.runs())
                    .add("startedAt", startedAt)
                    .add("finishedAt", Instant.now().toString())
                    .add("loadAverageBefore", loadBefore)
                    .add("loadAverageAfter", Machine.loadAverage())
                    .add("machine", Machine.describe(heap.getInt("processors")))
                    .add(
                            "versions",
                            Json.createObjectBuilder()
                                    .add("server", heap.getString("serverVersion"))
                                    .add("serverJava", heap.getString("javaVersion"))
                                    .add(
                                            "serverMaxHeapMiB",
                                            heap.getJsonNumber("max").longValue() >> 20)
                                    .add("clientJava", System.getProperty("java.version"))
                                    .add("redis", records.version()))
                    .add("results", results)
                    .add("details", workloads.details())
                    .build();
        }
    }

    /**
     * Merges {@code phases} into the results document, writes it to {@code out} and returns it.
     */
    public static JsonObject report(List<JsonObject> phases, Path out, String command, String label) {
        JsonObject results = Report.results(phases, command, label);
        Report.write(out, results);
        return results;
    }

    /** Returns an empty results section: the two markers that {@link #updateDoc} writes between. */
    public static String emptyResultsSection() {
        return Report.BEGIN + "\n" + Report.END + "\n";
    }

    /** Replaces the results section of {@code doc} (between its markers) with the table of {@code results}. */
    public static void updateDoc(Path doc, JsonObject results, String resultsName) {
        Report.updateDoc(doc, results, resultsName);
    }

    private static String required(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            usage();
        }
        return value;
    }

    private static void usage() {
        System.err.println("""
                usage: Bench run --url http://127.0.0.1:8980/ --redis redis://127.0.0.1:6390 --out phase.json
                                 [--concurrency 8] [--workloads ceiling,w1,w2,w3,w4] [--scale full|quick|smoke]
                                 [--runs 3] [--flush-redis] [--user U] (password from AGENTQUEUE_PASSWORD)
                                 [--backlog N] (W4's tasks, instead of the scale's)
                       Bench report --out results.json [--doc docs/BENCHMARKS.md] [--command C] [--label L]
                                    [--bullmq bullmq-results.txt] phase.json...
                       Bench sizes [--scale full|quick|smoke]   (W1 tasks, W2 tasks, W3 seconds)
                       Bench dlq --url http://127.0.0.1:8980/ --out dlq.json [--letters 100000] [--purge-all]
                       Bench compare [--before NAME] [--after NAME] before-results.json after-results.json""");
        System.exit(2);
    }
}
