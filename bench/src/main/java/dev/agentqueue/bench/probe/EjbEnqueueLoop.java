package dev.agentqueue.bench.probe;

import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The EJB enqueue path as another application in the same server uses it: {@link TaskQueue} looked up by its portable
 * JNDI name and called from several threads at once.
 */
@ApplicationScoped
public class EjbEnqueueLoop {

    static final String TASK_QUEUE =
            "java:global/agentqueue/agentqueue-ejb/TaskQueue!dev.agentqueue.producer.TaskQueue";

    @Resource
    ManagedThreadFactory threads;

    /** Enqueues {@code tasks} tasks of {@code contract} with {@code payload} from {@code threadCount} threads. */
    public JsonObject run(String contract, String payload, int tasks, int threadCount) {
        TaskQueue queue = lookup();
        String[] ids = new String[tasks];
        long start = System.nanoTime();
        Parallel.run(threads, threadCount, index -> {
            int from = 0;
            for (int i = 0; i < index; i++) {
                from += Parallel.share(tasks, threadCount, i);
            }
            int to = from + Parallel.share(tasks, threadCount, index);
            for (int i = from; i < to; i++) {
                ids[i] = queue.enqueue(
                                TaskRequest.builder(contract).payload(payload).build())
                        .id();
            }
        });
        return answer(ids, threadCount, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Enqueues {@code tasks} tasks in batches of {@code batchSize} through {@code TaskQueue.submitAll}, from
     * {@code threadCount} threads, each sending its batches one after another.
     */
    public JsonObject runBatches(String contract, String payload, int tasks, int batchSize, int threadCount) {
        TaskQueue queue = lookup();
        String[] ids = new String[tasks];
        int batches = (tasks + batchSize - 1) / batchSize;
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        Parallel.run(threads, threadCount, index -> {
            for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                int from = b * batchSize;
                int to = Math.min(tasks, from + batchSize);
                List<TaskRequest> requests = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    requests.add(TaskRequest.builder(contract).payload(payload).build());
                }
                List<TaskReceipt> receipts = queue.submitAll(requests);
                for (int i = from; i < to; i++) {
                    ids[i] = receipts.get(i - from).id();
                }
            }
        });
        return answer(ids, threadCount, (System.nanoTime() - start) / 1e9);
    }

    private static JsonObject answer(String[] ids, int threadCount, double seconds) {
        JsonArrayBuilder idArray = Json.createArrayBuilder();
        for (String id : ids) {
            idArray.add(id);
        }
        return Json.createObjectBuilder()
                .add("tasks", ids.length)
                .add("threads", threadCount)
                .add("seconds", seconds)
                .add("ids", idArray)
                .build();
    }

    private static TaskQueue lookup() {
        try {
            return (TaskQueue) new InitialContext().lookup(TASK_QUEUE);
        } catch (NamingException e) {
            throw new IllegalStateException("agentqueue's TaskQueue is not deployed at " + TASK_QUEUE, e);
        }
    }
}
