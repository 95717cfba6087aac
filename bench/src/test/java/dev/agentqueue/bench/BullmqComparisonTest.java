package dev.agentqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BullMQ's result lines set beside agentqueue's medians: rates as ratios, latencies as differences. */
class BullmqComparisonTest {

    @TempDir
    Path dir;

    @Test
    void eachPairIsTheRatioOfTheMediansAndALatencyIsTheirDifference() throws IOException {
        Path lines = dir.resolve("bullmq.txt");
        Files.writeString(
                lines,
                String.join(
                        "\n",
                        "npm noise",
                        result("w1", "serial", 2_000, 9) + " ",
                        result("w1", "serial", 2_200, 7),
                        result("w1", "serial", 1_000, 8),
                        result("w3", "open-loop", 200, 5)));
        JsonObject summary = Json.createObjectBuilder()
                .add(
                        "summary",
                        Json.createArrayBuilder()
                                .add(row("w1.ejbDrainRate", 8, 3_000))
                                .add(row("w3.e2eP99Ms", 8, 7))
                                .add(row("w2.rate", 32, 1_200)))
                .build();

        JsonObject section = BullmqComparison.section(summary, BullmqComparison.readResults(lines));

        List<JsonObject> rows = section.getJsonArray("comparison").getValuesAs(JsonObject.class);
        assertThat(section.getJsonArray("results")).hasSize(4);
        assertThat(rows).extracting(r -> r.getString("metric")).containsExactly("w1.ejbDrainRate", "w3.e2eP99Ms");
        assertThat(rows.get(0).getJsonNumber("bullmqMedian").doubleValue()).isEqualTo(2_000);
        assertThat(rows.get(0).getJsonNumber("ratio").doubleValue()).isEqualTo(1.5);
        assertThat(rows.get(1).getJsonNumber("difference").doubleValue()).isEqualTo(2);
        assertThat(BullmqComparison.markdown(section))
                .contains("| 1.50× | ≥ 1.0 |")
                .contains("| +2.0 ms | ≤ +1 |");
    }

    private static String result(String workload, String mode, double drainPerSecond, int p99) {
        return "RESULT "
                + Json.createObjectBuilder()
                        .add("system", "bullmq")
                        .add("workload", workload)
                        .add("enqMode", mode)
                        .add("drain_per_s", drainPerSecond)
                        .add("lat_ms", Json.createObjectBuilder().add("p50", 1).add("p99", p99))
                        .build();
    }

    private static JsonObject row(String metric, int concurrency, double median) {
        return Json.createObjectBuilder()
                .add("metric", metric)
                .add("concurrency", concurrency)
                .add("median", median)
                .add("min", median)
                .add("max", median)
                .build();
    }
}
