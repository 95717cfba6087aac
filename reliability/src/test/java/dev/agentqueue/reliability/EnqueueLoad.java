package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Producers that enqueue through the REST API without pause until stopped, each request a task of its own numbered
 * {@code n}, and the record of every answer they got: the scenario decides what each answer may be.
 */
final class EnqueueLoad {

    /** One request and its answer; {@code status} is -1 when no answer came ({@code body} then says why). */
    record Answer(
            int n, int status, String taskId, String retryAfter, String body, long sentNanos, long answeredNanos) {

        boolean accepted() {
            return status == 202;
        }
    }

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService producers;
    private volatile boolean stopping;

    private EnqueueLoad(int producers) {
        this.producers = Executors.newFixedThreadPool(producers);
    }

    /** Starts {@code producers} threads that each post {@code task.apply(n)} for n = 0, 1, 2, ... one at a time. */
    static EnqueueLoad start(AgentQueueApi api, int producers, IntFunction<JsonObject> task) {
        EnqueueLoad load = new EnqueueLoad(producers);
        for (int i = 0; i < producers; i++) {
            load.producers.execute(() -> load.produce(api, task));
        }
        Progress.say("%d producers enqueueing", producers);
        return load;
    }

    /** Returns how many requests were accepted (202) so far. */
    int accepted() {
        return accepted.get();
    }

    /** Stops the producers, waits for their last requests, and returns every answer. */
    List<Answer> stop() throws InterruptedException {
        stopping = true;
        producers.shutdown();
        if (!producers.awaitTermination(2, TimeUnit.MINUTES)) {
            producers.shutdownNow();
            throw new AssertionError("producers still busy two minutes after the stop");
        }
        Progress.say("producers stopped after %d requests, %d accepted", answers.size(), accepted.get());
        return new ArrayList<>(answers);
    }

    private void produce(AgentQueueApi api, IntFunction<JsonObject> task) {
        while (!stopping) {
            int n = next.getAndIncrement();
            long sent = System.nanoTime();
            Answer answer;
            try {
                Reply reply = api.submit(task.apply(n));
                String id = reply.status() == 202 ? reply.taskId() : null;
                answer = new Answer(
                        n, reply.status(), id, reply.header("Retry-After"), reply.body(), sent, System.nanoTime());
            } catch (RuntimeException e) {
                answer = new Answer(n, -1, null, null, String.valueOf(e), sent, System.nanoTime());
            }
            answers.add(answer);
            if (answer.accepted()) {
                accepted.incrementAndGet();
            }
        }
    }
}
