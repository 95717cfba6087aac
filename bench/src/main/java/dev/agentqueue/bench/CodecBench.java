package dev.agentqueue.bench;

import dev.agentqueue.messaging.EnvelopeCodec;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.task.TaskSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Times the JSON of the task path on its own, without a server, in CPU time of the timing thread: a task message's envelope written and read back, and
 * a finished task's record read from its Redis hash. It uses only types every build has, so the same class runs
 * against the classes of two builds, one after the other, to compare their JSON mapping:
 * {@code java -cp <bench classes>:<a build's ejb and client classes>:<their libraries> dev.agentqueue.bench.CodecBench
 * [rounds]}.
 */
public final class CodecBench {

    private static final int OPERATIONS_PER_ROUND = 5_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_ROUNDS = 10;

    /** Keeps the results alive, so the JIT cannot drop the work. */
    private static volatile int sink;

    private CodecBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        TaskEnvelope envelope = envelope();
        Map<String, String> record = record();
        IntSupplier envelopeTrip = () -> EnvelopeCodec.decode(EnvelopeCodec.encode(envelope), envelope.id(), 0, 1)
                .hashCode();
        IntSupplier recordRead = () -> TaskSnapshot.fromHash(record).hashCode();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            nanosPerOperation(envelopeTrip);
            nanosPerOperation(recordRead);
        }
        List<Double> envelopes = new ArrayList<>();
        List<Double> records = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            envelopes.add(nanosPerOperation(envelopeTrip));
            records.add(nanosPerOperation(recordRead));
        }
        print("envelope encode+decode", envelopes);
        print("task record read", records);
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
