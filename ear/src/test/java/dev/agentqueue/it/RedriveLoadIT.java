package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A thousand dead letters redriven by two concurrent requests while the workers run: every task ends
 * {@code COMPLETED} exactly once, and the broker's own counters show no message was duplicated in the task queue or
 * the DLQ.
 */
@ExtendWith(ArquillianExtension.class)
class RedriveLoadIT {

    private static final int TASKS = 1000;
    private static final Duration SETTLE = Duration.ofMinutes(4);

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aThousandRedrivenDeadLettersCompleteExactlyOnce() throws Exception {
        long queueAdded = counter(api.taskQueue(), "messagesAdded");
        long dlqAdded = counter(api.deadLetterQueue(), "messagesAdded");
        long dlqDepth = counter(api.deadLetterQueue(), "depth");
        String message = "load " + UUID.randomUUID();
        List<String> ids = api.enqueue(failUntilRedriven("terminal", message, 0).build(), TASKS);
        String fingerprint = Deadline.await(
                        "the first task to be dead-lettered",
                        SETTLE,
                        () -> api.task(ids.get(0)),
                        t -> t.getString("state").equals("DEAD_LETTER"))
                .getJsonObject("error")
                .getString("fingerprint");
        Deadline.await("all " + TASKS + " dead letters", SETTLE, () -> dlqCount(fingerprint), n -> n == TASKS);

        // Two operators redrive the same dead letters at once: each message moves exactly once.
        List<Reply> replies = concurrently(() -> api.as(Role.ADMIN.apiUser())
                .withTimeout(Duration.ofMinutes(5))
                .postJson(
                        "dlq/redrive",
                        Json.createObjectBuilder()
                                .add("filter", Json.createObjectBuilder().add("fingerprint", fingerprint))
                                .build()));

        assertThat(replies)
                .allSatisfy(
                        reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
        assertThat(replies.stream()
                        .mapToInt(reply -> reply.json().getInt("redriven"))
                        .sum())
                .isEqualTo(TASKS);
        Set<String> pending = new HashSet<>(ids);
        Deadline.await("all tasks to complete", SETTLE, () -> stillPending(pending), Set::isEmpty);
        int runTwice = 0;
        for (String id : ids) {
            JsonObject task = api.task(id);
            assertThat(task.getInt("attempt")).isEqualTo(1);
            assertThat(task.getJsonObject("result").getInt("succeeded_after_redrives"))
                    .isEqualTo(1);
            // Exactly: the first attempt dead-lettered, one redrive, one attempt after it that completed.
            List<String> outcomes = task.getJsonArray("history").stream()
                    .map(e -> e.asJsonObject().getString("outcome", ""))
                    .toList();
            assertThat(outcomes).as(id).containsExactly("DEAD_LETTER", "REDRIVEN", "COMPLETED");
            runTwice += outcomes.size() > 3 ? 1 : 0;
        }
        Deadline.await("the task queue to drain", SETTLE, () -> counter(api.taskQueue(), "depth"), n -> n == 0);
        assertThat(dlqCount(fingerprint)).isZero();
        // Each task: one enqueue and one redrive on the task queue, one dead letter: nothing duplicated.
        assertThat(counter(api.taskQueue(), "messagesAdded") - queueAdded).isEqualTo(2L * TASKS);
        // The DLQ's own count of messages added also counts the other letters a walk put back: its depth tells
        // instead that the other letters are all still there, once each.
        assertThat(counter(api.deadLetterQueue(), "depth")).isEqualTo(dlqDepth);
        System.out.println("RELIABILITY scenario=8 redrive-race accepted=" + TASKS + " deadLettered=" + TASKS
                + " redrivenByRequest="
                + replies.stream().map(r -> r.json().getInt("redriven")).toList()
                + " completed=" + TASKS + " runTwice=" + runTwice + " queueMessagesAdded="
                + (counter(api.taskQueue(), "messagesAdded") - queueAdded) + " dlqMessagesAdded="
                + (counter(api.deadLetterQueue(), "messagesAdded") - dlqAdded) + " (with the letters walks put back)"
                + " duplicates=0 lost=0");
    }

    private static List<Reply> concurrently(Callable<Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Reply> first = pool.submit(call);
            Future<Reply> second = pool.submit(call);
            return List.of(first.get(), second.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> stillPending(Set<String> pending) {
        pending.removeIf(id -> api.task(id).getString("state").equals("COMPLETED"));
        return pending;
    }

    private long dlqCount(String fingerprint) {
        return api.get("dlq/summary").json().getJsonArray("groups").stream()
                .map(JsonValue::asJsonObject)
                .filter(g -> g.getString("fingerprint").equals(fingerprint))
                .mapToLong(g -> g.getJsonNumber("count").longValue())
                .sum();
    }

    private static long counter(JsonObject queue, String name) {
        return queue.getJsonNumber(name).longValue();
    }
}
