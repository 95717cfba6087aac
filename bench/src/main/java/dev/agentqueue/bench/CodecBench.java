package dev.agentqueue.bench;

import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Times the JSON of the task path on its own, without a server, in CPU time of the timing thread: a task message's
 * envelope written and read back, a finished task's record read from its Redis hash and, when the web module's
 * classes are on the class path too, the body of {@code POST /tasks} read and the task written as the API shows it.
 * It uses only types and methods every build has (the web module's by reflection: the bench does not depend on it),
 * so the same class runs against the classes of two builds, one after the other, to compare their JSON mapping:
 * {@code java -cp <bench classes>:<a build's ejb, client and web classes>:<their libraries>
 * dev.agentqueue.bench.CodecBench [rounds]}.
 */
public final class CodecBench {

    private static final int OPERATIONS_PER_ROUND = 5_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_ROUNDS = 10;

    /** A {@code POST /tasks} body as W1's REST path sends it, every optional member set. */
    private static final String REQUEST_BODY = "{\"contract\":\"agentqueue.job.v1\",\"agent\":\"analyzer\","
            + "\"payload\":{\"job_type\":\"echo\",\"args\":{\"text\":\"benchmark task payload with a few words in it\","
            + "\"n\":42,\"tags\":[\"a\",\"b\"]}},\"priority\":4,\"delayMs\":0,\"timeoutMs\":30000,"
            + "\"idempotencyKey\":\"key-1\",\"correlationId\":\"corr-1\"}";

    /** Keeps the results alive, so the JIT cannot drop the work. */
    private static volatile int sink;

    private CodecBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        TaskEnvelope envelope = envelope();
        Map<String, String> record = record();
        IntSupplier envelopeTrip = () -> EnvelopeCodec.decode(EnvelopeCodec.encode(envelope), envelope.id(), 0, 1)
                .hashCode();
        Map<String, IntSupplier> operations = new LinkedHashMap<>();
        operations.put("envelope encode+decode", envelopeTrip);
        operations.put("task record read", () -> TaskSnapshot.fromHash(record).hashCode());
        webOperations(TaskSnapshot.fromHash(record)).ifPresent(operations::putAll);
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            operations.values().forEach(CodecBench::nanosPerOperation);
        }
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            operations.forEach((what, operation) ->
                    nanos.computeIfAbsent(what, w -> new ArrayList<>()).add(nanosPerOperation(operation)));
        }
        nanos.forEach(CodecBench::print);
    }

    /**
     * The REST side, when the web module's classes are on the class path: a {@code POST /tasks} body read into a
     * request, and a task written as the API shows it.
     */
    private static Optional<Map<String, IntSupplier>> webOperations(TaskSnapshot task) {
        Method parse;
        Method view;
        try {
            parse = Class.forName("dev.agentqueue.api.task.TaskRequestParser")
                    .getDeclaredMethod("parse", String.class, String.class);
            view = Class.forName("dev.agentqueue.api.task.TaskView").getMethod("of", TaskSnapshot.class);
        } catch (ReflectiveOperationException e) {
            System.out.println("no web classes on the class path: the REST body and the API's task are not timed");
            return Optional.empty();
        }
        parse.setAccessible(true);
        Map<String, IntSupplier> operations = new LinkedHashMap<>();
        operations.put(
                "REST task body read", () -> invoke(parse, REQUEST_BODY, null).hashCode());
        operations.put(
                "API task write", () -> JsonRecords.write(invoke(view, task)).length());
        return Optional.of(operations);
    }

    private static Object invoke(Method method, Object... arguments) {
        try {
            return method.invoke(null, arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + " failed", e);
        }
    }

    /** Returns the CPU time of this thread per operation: unlike the wall clock, other processes do not add to it. */
    private static double nanosPerOperation(IntSupplier operation) {
        int sum = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
            sum += operation.getAsInt();
        }
        long elapsed = THREADS.getCurrentThreadCpuTime() - start;
        sink += sum;
        return (double) elapsed / OPERATIONS_PER_ROUND;
    }

    private static void print(String what, List<Double> nanos) {
        if (nanos.isEmpty()) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%s: median %.0f ns CPU/op (%.0f-%.0f over %d rounds of %d)%n",
                what,
                Stats.median(nanos),
                Stats.min(nanos),
                Stats.max(nanos),
                nanos.size(),
                OPERATIONS_PER_ROUND);
    }

    /** An envelope as the REST path writes it for W1's tasks, every optional member set. */
    private static TaskEnvelope envelope() {
        JsonObject payload = Json.createObjectBuilder()
                .add("job_type", "echo")
                .add(
                        "args",
                        Json.createObjectBuilder()
                                .add("text", "benchmark task payload with a few words in it")
                                .add("n", 42)
                                .add("tags", Json.createArrayBuilder().add("a").add("b")))
                .build();
        return new TaskEnvelope(
                "01938a6e-7b7c-7d1f-8e2a-0123456789ab",
                "agentqueue.job.v1",
                "analyzer",
                payload,
                4,
                "corr-1",
                "key-1",
                30_000,
                1_733_500_000_123L,
                null,
                null);
    }

    /** A completed task's hash: payload, result, one warning, one history entry. */
    private static Map<String, String> record() {
        return Map.ofEntries(
                Map.entry("id", "01938a6e-7b7c-7d1f-8e2a-0123456789ab"),
                Map.entry("contract", "agentqueue.job.v1"),
                Map.entry("agent", "analyzer"),
                Map.entry(
                        "payload",
                        "{\"job_type\":\"echo\",\"args\":{\"text\":\"benchmark task payload with a few words in it\","
                                + "\"n\":42,\"tags\":[\"a\",\"b\"]}}"),
                Map.entry("priority", "4"),
                Map.entry("state", "COMPLETED"),
                Map.entry("attempt", "1"),
                Map.entry("maxAttempts", "3"),
                Map.entry("timeoutMs", "30000"),
                Map.entry("createdAt", "1733500000123"),
                Map.entry("startedAt", "1733500000200"),
                Map.entry("finishedAt", "1733500000300"),
                Map.entry("result", "{\"echo\":\"benchmark task payload with a few words in it\"}"),
                Map.entry("warnings", "[\"slow\"]"),
                Map.entry("error", ""),
                Map.entry(
                        "history",
                        "[{\"attempt\":1,\"node\":\"n1\",\"start\":1733500000200,\"end\":1733500000300,"
                                + "\"outcome\":\"COMPLETED\"}]"));
    }
}
