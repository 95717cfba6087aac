package dev.agentqueue.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sets agentqueue's figures beside BullMQ's from the same benchmark run: reads the {@code RESULT} lines of the BullMQ
 * reference ({@code shared/anchors/bullmq/run.sh}), pairs each with its agentqueue counterpart, and renders the pairs
 * with their ratios as JSON and as a Markdown table.
 */
final class BullmqComparison {

    /**
     * One line of the table: agentqueue's metric at a worker concurrency against a BullMQ case's field; a latency is
     * compared by its difference in ms, a rate by its ratio.
     */
    private record Pair(
            String label,
            String metric,
            int concurrency,
            String bullmqCase,
            String field,
            boolean latency,
            String target) {}

    private static final List<Pair> PAIRS = List.of(
            new Pair(
                    "W1 drain, one task per call: EJB (8 threads) ÷ BullMQ serial",
                    "w1.ejbDrainRate",
                    8,
                    "w1:serial",
                    "drain_per_s",
                    false,
                    "≥ 1.0"),
            new Pair(
                    "W1 drain, one task per call: REST (8 threads) ÷ BullMQ serial",
                    "w1.restDrainRate",
                    8,
                    "w1:serial",
                    "drain_per_s",
                    false,
                    "≥ 0.8"),
            new Pair(
                    "W1 drain: EJB (8 threads) ÷ BullMQ 64 adds in flight",
                    "w1.ejbDrainRate",
                    8,
                    "w1:concurrent",
                    "drain_per_s",
                    false,
                    ""),
            new Pair(
                    "W1 drain, 1,000 per call: EJB submitAll ÷ BullMQ addBulk",
                    "w1.ejbBatchDrainRate",
                    8,
                    "w1:bulk",
                    "drain_per_s",
                    false,
                    "≥ 1.0"),
            new Pair(
                    "W1 drain, 1,000 per call: POST /tasks/batch ÷ BullMQ addBulk",
                    "w1.restBatchDrainRate",
                    8,
                    "w1:bulk",
                    "drain_per_s",
                    false,
                    "≥ 1.0"),
            new Pair(
                    "W2 rate, 32 workers × 20 ms ÷ BullMQ", "w2.rate", 32, "w2:serial", "drain_per_s", false, "≥ 1.05"),
            new Pair("W3 end-to-end p50 − BullMQ's (ms)", "w3.e2eP50Ms", 8, "w3:open-loop", "p50", true, ""),
            new Pair("W3 end-to-end p99 − BullMQ's (ms)", "w3.e2eP99Ms", 8, "w3:open-loop", "p99", true, "≤ +1"));

    private BullmqComparison() {}

    /** Reads the {@code RESULT {json}} lines BullMQ's {@code run.sh} printed into {@code file}. */
    static List<JsonObject> readResults(Path file) {
        try {
            List<JsonObject> results = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("RESULT ")) {
                    try (var reader = Json.createReader(new StringReader(line.substring("RESULT ".length())))) {
                        results.add(reader.readObject());
                    }
                }
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Returns the {@code bullmq} section of the results: BullMQ's own lines, and each pair with its ratio. */
    static JsonObject section(JsonObject agentqueueSummary, List<JsonObject> bullmq) {
        JsonArrayBuilder runs = Json.createArrayBuilder();
        bullmq.forEach(runs::add);
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (Pair pair : PAIRS) {
            JsonObject ours = summaryRow(agentqueueSummary, pair.metric(), pair.concurrency());
            List<Double> theirs = bullmqValues(bullmq, pair);
            if (ours == null || theirs.isEmpty()) {
                continue;
            }
            double median = ours.getJsonNumber("median").doubleValue();
            double reference = Stats.median(theirs);
            rows.add(Json.createObjectBuilder()
                    .add("label", pair.label())
                    .add("metric", pair.metric())
                    .add("concurrency", pair.concurrency())
                    .add("bullmqCase", pair.bullmqCase())
                    .add("agentqueueMedian", median)
                    .add("agentqueueMin", ours.getJsonNumber("min").doubleValue())
                    .add("agentqueueMax", ours.getJsonNumber("max").doubleValue())
                    .add("bullmqMedian", reference)
                    .add("bullmqMin", Stats.min(theirs))
                    .add("bullmqMax", Stats.max(theirs))
                    .add("bullmqRuns", theirs.size())
                    .add(
                            pair.latency() ? "difference" : "ratio",
                            pair.latency() ? median - reference : median / reference)
                    .add("target", pair.target()));
        }
        return Json.createObjectBuilder()
                .add("results", runs)
                .add("comparison", rows)
                .build();
    }

    /** Renders the comparison of {@code section} as a Markdown table. */
    static String markdown(JsonObject section) {
        StringBuilder md = new StringBuilder(
                "\nBeside BullMQ in the same run (BullMQ's `run.sh` on the same Redis settings,"
                        + " same sizes; medians, min – max):\n\n"
                        + "| Comparison | agentqueue | BullMQ | Ratio or difference | Target |\n|---|---:|---:|---:|---|\n");
        for (JsonValue value : section.getJsonArray("comparison")) {
            JsonObject row = value.asJsonObject();
            boolean latency = row.containsKey("difference");
            md.append("| ")
                    .append(row.getString("label"))
                    .append(" | ")
                    .append(spread(row, "agentqueue", latency))
                    .append(" | ")
                    .append(spread(row, "bullmq", latency))
                    .append(" | ")
                    .append(
                            latency
                                    ? String.format(
                                            Locale.ROOT,
                                            "%+.1f ms",
                                            row.getJsonNumber("difference").doubleValue())
                                    : String.format(
                                            Locale.ROOT,
                                            "%.2f×",
                                            row.getJsonNumber("ratio").doubleValue()))
                    .append(" | ")
                    .append(row.getString("target"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String spread(JsonObject row, String system, boolean latency) {
        String format = latency ? "%.1f ms" : "%,.0f/s";
        return String.format(
                        Locale.ROOT,
                        format,
                        row.getJsonNumber(system + "Median").doubleValue()) + " ("
                + String.format(
                        Locale.ROOT,
                        latency ? "%.1f" : "%,.0f",
                        row.getJsonNumber(system + "Min").doubleValue())
                + " – "
                + String.format(
                        Locale.ROOT,
                        latency ? "%.1f" : "%,.0f",
                        row.getJsonNumber(system + "Max").doubleValue())
                + ")";
    }

    private static JsonObject summaryRow(JsonObject summary, String metric, int concurrency) {
        for (JsonValue value : summary.getJsonArray("summary")) {
            JsonObject row = value.asJsonObject();
            if (row.getString("metric").equals(metric) && row.getInt("concurrency") == concurrency) {
                return row;
            }
        }
        return null;
    }

    private static List<Double> bullmqValues(List<JsonObject> bullmq, Pair pair) {
        List<Double> values = new ArrayList<>();
        for (JsonObject result : bullmq) {
            String name = result.getString("workload") + ":" + result.getString("enqMode");
            if (!name.equals(pair.bullmqCase())) {
                continue;
            }
            JsonNumber value = pair.latency()
                    ? result.getJsonObject("lat_ms").getJsonNumber(pair.field())
                    : result.getJsonNumber(pair.field());
            if (value != null) {
                values.add(value.doubleValue());
            }
        }
        return values;
    }
}
