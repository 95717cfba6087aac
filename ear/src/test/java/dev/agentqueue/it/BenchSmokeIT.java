package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.bench.Bench;
import dev.agentqueue.bench.Scale;
import dev.agentqueue.it.support.Role;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keeps the benchmark from rotting: runs every workload of {@code bench/run} at smoke scale (hundreds of tasks)
 * against the IT server, with the probe WAR deployed next to the EAR as in a real run. It checks that the harness
 * works and counts right, never how fast anything is.
 */
@ExtendWith(ArquillianExtension.class)
class BenchSmokeIT {

    private static final Path OUT = Path.of("target", "bench-smoke");

    @Deployment(name = "app", order = 1, testable = false)
    static EnterpriseArchive app() {
        return Deployments.ear();
    }

    @Deployment(name = "probe", order = 2, testable = false)
    static WebArchive probe() {
        File war = new File(System.getProperty("agentqueue.it.bench-war", "../bench/target/agentqueue-bench.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @Test
    void everyWorkloadRunsToCompletionAndTheResultsAreWritten() throws Exception {
        Bench.Options options = new Bench.Options(
                Deployments.appUrl().resolve("/"),
                "redis://127.0.0.1:" + System.getProperty("redis.it.port", "6379"),
                // The build's generated IT client user (may enqueue and read); see bin/it-users.
                Role.CLIENT.user(),
                Role.CLIENT.password(),
                8,
                List.of("ceiling", "w1", "w2", "w3", "w4"),
                Scale.SMOKE,
                1,
                false,
                0);

        JsonObject phase = Bench.runPhase(options, System.out);
        Path results = OUT.resolve("results.json");
        Path doc = OUT.resolve("BENCHMARKS.md");
        Files.createDirectories(OUT);
        Files.writeString(doc, "# Benchmarks\n\n" + Bench.emptyResultsSection());
        Bench.updateDoc(doc, Bench.report(List.of(phase), results, "BenchSmokeIT", "it"), results.toString());

        // Scale.SMOKE: 500 tasks per enqueue path in W1 (EJB, REST, and both in batches), 100 in W2, 2 s at 200/s in
        // W3, 500 in W4.
        JsonObject run = phase.getJsonArray("results").getJsonObject(0);
        assertThat(number(run, "w1.completedTasks")).isEqualTo(4 * 500);
        assertThat(number(run, "w2.completedTasks")).isEqualTo(100);
        assertThat(number(run, "w3.completedTasks")).isEqualTo(200 * 2);
        assertThat(number(run, "w4.completedTasks")).isEqualTo(500);
        // Each ran once, and the broker's task queue held all 500 while the workers were paused.
        assertThat(number(run, "w4.completedOnce")).isEqualTo(500);
        assertThat(number(run, "w4.queuedMessages")).isEqualTo(500);
        assertThat(run.keySet())
                .contains(
                        "ceiling.rate",
                        "w1.ejbDrainVsCeiling",
                        "w1.ejbBatchDrainRate",
                        "w1.restBatchDrainRate",
                        "w2.shareOfIdeal",
                        "w3.e2eP99Ms",
                        "w3.restP99Ms",
                        "w4.drainVsW1",
                        "w4.peakHeapAfterGcMiB",
                        "w4.redisBytesPerTask",
                        "w4.pageFiles");
        assertThat(results).isRegularFile();
        assertThat(Files.readString(results)).contains("\"summary\"", "\"w4.drainRate\"");
        assertThat(Files.readString(doc)).contains("| W1 drain, EJB-enqueued ÷ ceiling | 8 |");
    }

    private static long number(JsonObject run, String key) {
        JsonNumber value = run.getJsonNumber(key);
        assertThat(value).as(key).isNotNull();
        return value.longValue();
    }
}
