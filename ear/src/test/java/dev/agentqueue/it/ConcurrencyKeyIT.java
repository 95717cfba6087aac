package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrency keys end to end: two tenants' backlogs of sleeping jobs, the first enqueued in full before the second,
 * under the configured cap of 2 running tasks per key ({@code agentqueue.limits.key-concurrency} in arquillian.xml)
 * on a server with 8 workers.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyKeyIT {

    private static final Logger LOG = Logger.getLogger(ConcurrencyKeyIT.class.getName());

    private static final int PER_KEY = 24;
    private static final int CAP = 2;
    private static final long TASK_MS = 150;

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void twoBackloggedKeysBothProgressAndNeitherRunsMoreThanItsCapAtOnce() {
        String first = "tenant-a-" + UUID.randomUUID();
        String second = "tenant-b-" + UUID.randomUUID();
        List<JsonObject> backlog = new ArrayList<>(tasks(first));
        backlog.addAll(tasks(second));
        // One batch, one transaction: both backlogs reach the queue at once, all of the first key's ahead.
        List<String> ids = api.submitBatch(backlog).expect(202).json().getJsonArray("tasks").stream()
                .map(task -> task.asJsonObject().getString("id"))
                .toList();

        List<JsonObject> done = ids.stream()
                .map(id -> api.awaitState(id, "COMPLETED", Duration.ofSeconds(90)))
                .toList();

        Map<String, List<JsonObject>> byKey =
                done.stream().collect(Collectors.groupingBy(t -> t.getString("concurrencyKey")));
        assertThat(byKey.keySet()).containsExactlyInAnyOrder(first, second);
        assertThat(mostAtOnce(byKey.get(first))).isLessThanOrEqualTo(CAP);
        assertThat(mostAtOnce(byKey.get(second))).isLessThanOrEqualTo(CAP);
        List<JsonObject> firstHalf = done.stream()
                .sorted(Comparator.comparing(t -> Instant.parse(t.getString("finishedAt"))))
                .limit(PER_KEY)
                .toList();
        long secondsShare = firstHalf.stream()
                .filter(t -> t.getString("concurrencyKey").equals(second))
                .count();
        LOG.info(() -> "CONCURRENCY-KEYS first " + PER_KEY + " completions: " + (PER_KEY - secondsShare) + " of "
                + first + ", " + secondsShare + " of " + second + " (queued behind all of the first)");
        // Without the cap the first key's backlog would take every worker and the second would finish last (a share
        // of 0). With it both progress at about the same rate.
        assertThat(secondsShare).isBetween((long) PER_KEY / 4, (long) PER_KEY * 2 / 3);
        assertThat(done).allSatisfy(t -> assertThat(t.getInt("attempt")).isEqualTo(1));

        JsonObject scope = api.limitScope("key:" + first);
        assertThat(scope.getJsonObject("limits").getInt("concurrentCalls")).isEqualTo(CAP);
        assertThat(scope.getJsonObject("counts").getInt("admitted")).isEqualTo(PER_KEY);
    }

    @Test
    void aConcurrencyKeyWithControlCharactersIsRefusedAtEnqueue() {
        JsonObject task = Jobs.build(Jobs.sleep(1).add("concurrencyKey", "bad\u0007key"));

        assertThat(api.submit(task).status()).isEqualTo(400);
    }

    private static List<JsonObject> tasks(String key) {
        return IntStream.range(0, PER_KEY)
                .mapToObj(i -> Jobs.build(Jobs.sleep(TASK_MS).add("concurrencyKey", key)))
                .toList();
    }

    /** Returns the most tasks whose runs (start to finish) overlapped at one moment. */
    private static int mostAtOnce(List<JsonObject> tasks) {
        List<long[]> edges = new ArrayList<>();
        for (JsonObject t : tasks) {
            edges.add(new long[] {Instant.parse(t.getString("startedAt")).toEpochMilli(), 1});
            edges.add(new long[] {Instant.parse(t.getString("finishedAt")).toEpochMilli(), -1});
        }
        // At the same millisecond an end comes before a start: a slot handed on is not two at once.
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int running = 0;
        int most = 0;
        for (long[] edge : edges) {
            running += (int) edge[1];
            most = Math.max(most, running);
        }
        return most;
    }
}
