package dev.agentqueue.bench;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.PrintStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The workloads of SPEC §11 and issue 5. Each one enqueues through a real path (the TaskQueue EJB via the probe, or
 * REST), waits until every task it enqueued is COMPLETED, checks the count, and puts its figures into the run's
 * metrics. Rates come from the task records' own timestamps.
 */
final class Workloads {

    /** W3's open-loop arrival rate, tasks per second. */
    static final int OPEN_LOOP_RATE = 200;
    /** Producer threads of W1, W2 and W4, and producers and consumers of the ceiling. */
    static final int PRODUCERS = 8;
    /** W2's task: wait 20 ms. */
    static final int SLEEP_MS = 20;

    static final String SLEEP_PAYLOAD = "{\"job_type\":\"sleep\",\"arguments\":{\"ms\":" + SLEEP_MS + "}}";
    /** W1's task: echo, with a payload of exactly {@value #PAYLOAD_BYTES} bytes. */
    static final String NOOP_PAYLOAD = noopPayload();

    private static final String NOOP_TASK = taskBody(NOOP_PAYLOAD);

    static final int PAYLOAD_BYTES = 200;
    /** Tasks per call of the batch workloads, as BullMQ's {@code addBulk} case. */
    static final int BATCH_SIZE = 1_000;

    private static final int ENQUEUE_CHUNK = 20_000;

    private final AgentQueueApi api;
    private final Probe probe;
    private final TaskRecords records;
    private final Scale scale;
    private final int concurrency;
    private final boolean flushRedis;
    private final PrintStream out;
    private final int backlogTasks;
    private final BacklogFigures backlogFigures;

    Workloads(
            AgentQueueApi api,
            Probe probe,
            TaskRecords records,
            Scale scale,
            int concurrency,
            boolean flushRedis,
            int backlogTasks,
            PrintStream out) {
        this.api = api;
        this.probe = probe;
        this.records = records;
        this.scale = scale;
        this.concurrency = concurrency;
        this.flushRedis = flushRedis;
        this.out = out;
        this.backlogTasks = backlogTasks > 0 ? backlogTasks : scale.backlogTasks;
        this.backlogFigures = new BacklogFigures(probe, out);
    }

    /** Runs one workload by name ({@code ceiling}, {@code w1} … {@code w4}), adding its figures to {@code m}. */
    void run(String name, Map<String, Double> m) {
        switch (name) {
            case "ceiling" -> ceiling(m);
            case "w1" -> noop(m);
            case "w2" -> io(m);
            case "w3" -> latency(m);
            case "w4" -> backlog(m);
            default -> throw new IllegalArgumentException("unknown workload " + name + "; use ceiling,w1,w2,w3,w4");
        }
    }

    /** The raw-JMS ceiling on the same broker: 8 producers and 8 consumers of 200-byte persistent messages. */
    void ceiling(Map<String, Double> m) {
        int messages = scale.ceilingMessages;
        say("ceiling: %,d raw JMS messages, %d producers + %d consumers", messages, PRODUCERS, PRODUCERS);
        Cpu cpu = cpu();
        JsonObject r = probe.post(
                "ceiling?messages=" + messages + "&producers=" + PRODUCERS + "&consumers=" + PRODUCERS + "&bytes="
                        + PAYLOAD_BYTES,
                "");
        m.put("ceiling.rate", messages / r.getJsonNumber("seconds").doubleValue());
        m.put(
                "ceiling.produceRate",
                messages / r.getJsonNumber("produceSeconds").doubleValue());
        m.put("ceiling.serverCpuUs", cpu.serverMicrosPer(messages));
        say("ceiling: %.0f msg/s produce+consume", m.get("ceiling.rate"));
    }

    /**
     * Sends unmeasured traffic through the raw-JMS probe and both enqueue paths, so that the first measured run of a
     * phase, on a freshly started server, does not measure the JIT compiler.
     */
    void warmUp() {
        int tasks = scale.warmUpTasks;
        int openLoopTasks = Math.min(tasks, OPEN_LOOP_RATE * scale.latencySeconds);
        prepare();
        say(
                "warm-up (not measured): %,d raw JMS messages, %,d tasks through the EJB and %,d through REST, %,d in an"
                        + " open loop",
                tasks, tasks, tasks, openLoopTasks);
        probe.post(
                "ceiling?messages=" + tasks + "&producers=" + PRODUCERS + "&consumers=" + PRODUCERS + "&bytes="
                        + PAYLOAD_BYTES,
                "");
        long before = records.completed();
        awaitAll("warm-up ejb", enqueueThroughEjb(NOOP_PAYLOAD, tasks).ids(), before);
        before = records.completed();
        awaitAll("warm-up rest", enqueueThroughRest(NOOP_PAYLOAD, tasks).ids(), before);
        before = records.completed();
        awaitAll(
                "warm-up ejb batch",
                enqueueBatchesThroughEjb(NOOP_PAYLOAD, tasks).ids(),
                before);
        before = records.completed();
        awaitAll(
                "warm-up rest batch",
                enqueueBatchesThroughRest(NOOP_PAYLOAD, tasks).ids(),
                before);
        // W3's open loop has code paths of its own in this client (asynchronous sends, the clock): compile them here,
        // so that the first measured W3 does not share the cores with this JVM's JIT compiler.
        before = records.completed();
        awaitAll("warm-up open loop", openLoop(openLoopTasks).ids(), before);
    }

    /**
     * W1: noop tasks drained while they arrive, enqueued one per call through the EJB and through REST from
     * {@link #PRODUCERS} threads, then {@value #BATCH_SIZE} per call from one producer, as BullMQ's {@code addBulk}
     * case, through the EJB's {@code submitAll} and through {@code POST /tasks/batch}.
     */
    void noop(Map<String, Double> m) {
        int tasks = scale.noopTasks;
        int completed = 0;
        say("w1 ejb: %,d echo tasks through TaskQueue, %d threads", tasks, PRODUCERS);
        completed += drain("w1 ejb", "ejb", () -> enqueueThroughEjb(NOOP_PAYLOAD, tasks), m);
        say("w1 rest: %,d echo tasks through POST /tasks, %d threads", tasks, PRODUCERS);
        completed += drain("w1 rest", "rest", () -> enqueueThroughRest(NOOP_PAYLOAD, tasks), m);
        say("w1 ejb batch: %,d echo tasks through TaskQueue.submitAll, %,d per call, one producer", tasks, BATCH_SIZE);
        completed += drain("w1 ejb batch", "ejbBatch", () -> enqueueBatchesThroughEjb(NOOP_PAYLOAD, tasks), m);
        say("w1 rest batch: %,d echo tasks through POST /tasks/batch, %,d per call, one producer", tasks, BATCH_SIZE);
        completed += drain("w1 rest batch", "restBatch", () -> enqueueBatchesThroughRest(NOOP_PAYLOAD, tasks), m);
        m.put("w1.completedTasks", (double) completed);
        ratio(m, "w1.ejbEnqueueRate", "w1.ejbEnqueueVsCeiling");
        ratio(m, "w1.restEnqueueRate", "w1.restEnqueueVsCeiling");
        ratio(m, "w1.ejbDrainRate", "w1.ejbDrainVsCeiling");
        ratio(m, "w1.restDrainRate", "w1.restDrainVsCeiling");
        if (m.containsKey("ceiling.serverCpuUs")) {
            m.put("w1.ejbServerCpuVsCeiling", m.get("w1.ejbServerCpuUs") / m.get("ceiling.serverCpuUs"));
        }
        say(
                "w1: drain ejb %.0f/s rest %.0f/s, batches ejb %.0f/s rest %.0f/s; server CPU/task ejb %.0f µs rest"
                        + " %.0f µs, batches ejb %.0f µs rest %.0f µs",
                m.get("w1.ejbDrainRate"),
                m.get("w1.restDrainRate"),
                m.get("w1.ejbBatchDrainRate"),
                m.get("w1.restBatchDrainRate"),
                m.get("w1.ejbServerCpuUs"),
                m.get("w1.restServerCpuUs"),
                m.get("w1.ejbBatchServerCpuUs"),
                m.get("w1.restBatchServerCpuUs"));
    }

    /**
     * Runs one enqueue path of W1 on an empty Redis, waits until all its tasks completed, and records under
     * {@code w1.<path>} its server and Redis CPU per task and its enqueue and drain rates; returns the tasks completed.
     */
    private int drain(String what, String path, Supplier<Batch> enqueue, Map<String, Double> m) {
        prepare();
        long before = records.completed();
        Cpu cpu = cpu();
        Batch batch = enqueue.get();
        List<TaskRecords.Task> done = awaitAll(what, batch.ids(), before);
        int tasks = batch.ids().size();
        m.put("w1." + path + "ServerCpuUs", cpu.serverMicrosPer(tasks));
        m.put("w1." + path + "RedisCpuUs", cpu.redisMicrosPer(tasks));
        m.put("w1." + path + "EnqueueRate", tasks / batch.seconds());
        m.put("w1." + path + "DrainRate", tasks / seconds(minCreated(done), maxFinished(done)));
        return done.size();
    }

    /** W2: sleep-20-ms tasks, queued while the workers are paused, then run; the rate against the ideal. */
    void io(Map<String, Double> m) {
        int tasks = scale.ioTasks;
        prepare();
        say("w2: %,d sleep-%d-ms tasks, worker concurrency %d", tasks, SLEEP_MS, concurrency);
        long before = records.completed();
        probe.post("pause", "");
        List<String> ids;
        try {
            ids = enqueueThroughEjb(SLEEP_PAYLOAD, tasks).ids();
        } finally {
            probe.post("resume", "");
        }
        List<TaskRecords.Task> done = awaitAll("w2", ids, before);
        double rate = tasks / seconds(minStarted(done), maxFinished(done));
        double ideal = concurrency * 1000.0 / SLEEP_MS;
        m.put("w2.rate", rate);
        m.put("w2.completedTasks", (double) done.size());
        m.put("w2.shareOfIdeal", rate / ideal);
        ratio(m, "w2.rate", "w2.rateVsCeiling");
        say("w2: %.0f tasks/s = %.1f%% of the ideal %.0f/s", rate, 100 * rate / ideal, ideal);
    }

    /** W3: an open loop of REST enqueues at 200 tasks/s; latency percentiles end to end and of the enqueue call. */
    void latency(Map<String, Double> m) {
        int tasks = OPEN_LOOP_RATE * scale.latencySeconds;
        prepare();
        say("w3: open loop, %d tasks/s for %d s over REST", OPEN_LOOP_RATE, scale.latencySeconds);
        long before = records.completed();
        OpenLoop loop = openLoop(tasks);
        List<TaskRecords.Task> done = awaitAll("w3", loop.ids(), before);
        double[] e2e =
                done.stream().mapToDouble(t -> t.finishedAt() - t.createdAt()).toArray();
        double[] rest =
                loop.restMillis().stream().mapToDouble(Double::doubleValue).toArray();
        m.put("w3.offeredRate", tasks / loop.sendSeconds());
        m.put("w3.completedTasks", (double) done.size());
        m.put("w3.e2eP50Ms", Stats.quantile(e2e, 0.50));
        m.put("w3.e2eP95Ms", Stats.quantile(e2e, 0.95));
        m.put("w3.e2eP99Ms", Stats.quantile(e2e, 0.99));
        m.put("w3.restP50Ms", Stats.quantile(rest, 0.50));
        m.put("w3.restP95Ms", Stats.quantile(rest, 0.95));
        m.put("w3.restP99Ms", Stats.quantile(rest, 0.99));
        say(
                "w3: end to end p50 %.0f p95 %.0f p99 %.0f ms; REST enqueue p50 %.1f p95 %.1f p99 %.1f ms",
                m.get("w3.e2eP50Ms"),
                m.get("w3.e2eP95Ms"),
                m.get("w3.e2eP99Ms"),
                m.get("w3.restP50Ms"),
                m.get("w3.restP95Ms"),
                m.get("w3.restP99Ms"));
    }

    /**
     * W4: a backlog enqueued with the workers paused, then drained; heap, the broker's paging and Redis memory per
     * task. A backlog larger than the scale's (bench/run --backlog) is enqueued in batches through
     * {@code TaskQueue.submitAll}, the fastest path, and the live heap and what holds it are read with everything
     * queued and again drained.
     */
    void backlog(Map<String, Double> m) {
        int tasks = backlogTasks;
        boolean large = tasks > scale.backlogTasks;
        prepare();
        say(
                "w4: %,d echo tasks queued with the workers paused (%s), then drained",
                tasks,
                large
                        ? "TaskQueue.submitAll, " + BATCH_SIZE + " per call"
                        : "TaskQueue.enqueue, " + PRODUCERS + " threads");
        long before = records.completed();
        long memoryBefore = records.usedMemory();
        Cpu cpu = cpu();
        List<TaskRecords.Task> done;
        try (HeapSampler heap = new HeapSampler(probe)) {
            probe.post("pause", "");
            Batch batch;
            try {
                batch = large ? enqueueBatchesThroughEjb(NOOP_PAYLOAD, tasks) : enqueueThroughEjb(NOOP_PAYLOAD, tasks);
                m.put("w4.enqueueRate", tasks / batch.seconds());
                say("w4: enqueued at %.0f/s", m.get("w4.enqueueRate"));
                backlogFigures.queued(m, tasks, large);
            } finally {
                probe.post("resume", "");
            }
            done = awaitAll("w4", batch.ids(), before);
            m.put("w4.peakHeapMiB", heap.peakUsedMiB());
            m.put("w4.peakHeapAfterGcMiB", heap.peakAfterGcMiB());
        }
        m.put("w4.serverCpuUs", cpu.serverMicrosPer(tasks));
        m.put("w4.drainRate", tasks / seconds(minStarted(done), maxFinished(done)));
        m.put("w4.tasks", (double) tasks);
        m.put("w4.completedTasks", (double) done.size());
        m.put("w4.completedOnce", (double) BacklogFigures.completedOnce(done));
        m.put("w4.completedIndexGrowth", (double) (records.completed() - before));
        m.put("w4.redisBytesPerTask", (records.usedMemory() - memoryBefore) / (double) tasks);
        m.put("w4.redisUsedMiB", records.usedMemory() / (1024.0 * 1024.0));
        if (large) {
            backlogFigures.drained(m);
        }
        ratio(m, "w4.enqueueRate", "w4.enqueueVsCeiling");
        ratio(m, "w4.drainRate", "w4.drainVsCeiling");
        if (m.containsKey("w1.ejbDrainRate")) {
            m.put("w4.drainVsW1", m.get("w4.drainRate") / m.get("w1.ejbDrainRate"));
        }
        say(
                "w4: drain %.0f/s; peak heap %.0f MiB used, %.0f MiB after GC; Redis %.0f B/task; %,.0f of %,d"
                        + " COMPLETED on their first attempt, COMPLETED index grew by %,.0f",
                m.get("w4.drainRate"),
                m.get("w4.peakHeapMiB"),
                m.get("w4.peakHeapAfterGcMiB"),
                m.get("w4.redisBytesPerTask"),
                m.get("w4.completedOnce"),
                tasks,
                m.get("w4.completedIndexGrowth"));
        if (m.get("w4.completedOnce") != tasks || m.get("w4.completedIndexGrowth") != tasks) {
            throw new IllegalStateException("w4: not every task COMPLETED exactly once");
        }
        if (scale != Scale.SMOKE) {
            // What a task keeps for its retention: its live event stream is gone a minute after it settled.
            records.awaitEventStreamsExpired(lastFinished(done).id(), Duration.ofMinutes(5));
            m.put("w4.redisKeptBytesPerTask", (records.usedMemory() - memoryBefore) / (double) tasks);
            say("w4: Redis %.0f B/task once the event streams expired", m.get("w4.redisKeptBytesPerTask"));
        }
    }

    /** The class histograms W4 took of a large backlog's server heap (empty for the scale's own W4). */
    JsonObject details() {
        return backlogFigures.details();
    }

    /** Task ids accepted by one enqueue batch, and the batch's enqueue time. */
    private record Batch(List<String> ids, double seconds) {}

    /** What an open loop sent: the accepted task ids, each call's latency as the client saw it, and how long it took. */
    private record OpenLoop(List<String> ids, ConcurrentLinkedQueue<Double> restMillis, double sendSeconds) {}

    /**
     * Sends {@code tasks} REST enqueues at {@link #OPEN_LOOP_RATE} per second without waiting for answers, then waits
     * for every answer.
     */
    private OpenLoop openLoop(int tasks) {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> restMillis = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> calls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch allSent = new CountDownLatch(1);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        ScheduledFuture<?> ticks = clock.scheduleAtFixedRate(
                () -> {
                    if (sent.get() >= tasks) {
                        allSent.countDown();
                        return;
                    }
                    sent.incrementAndGet();
                    long t0 = System.nanoTime();
                    calls.add(api.submitAsync(NOOP_TASK).thenAccept(e -> {
                        restMillis.add((System.nanoTime() - t0) / 1e6);
                        ids.add(accepted(e));
                    }));
                },
                0,
                1_000_000_000L / OPEN_LOOP_RATE,
                TimeUnit.NANOSECONDS);
        try {
            if (!allSent.await(tasks / OPEN_LOOP_RATE * 10L + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the open loop did not finish sending");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            ticks.cancel(false);
            clock.shutdown();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();
        return new OpenLoop(new ArrayList<>(ids), restMillis, sendSeconds);
    }

    /** Enqueues through {@code POST /tasks} from {@link #PRODUCERS} client threads. */
    private Batch enqueueThroughRest(String payload, int tasks) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(tasks));
        String task = taskBody(payload);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        parallel(PRODUCERS, () -> {
            while (next.getAndIncrement() < tasks) {
                ids.add(accepted(api.submit(task)));
            }
        });
        return new Batch(ids, (System.nanoTime() - start) / 1e9);
    }

    /** Enqueues through {@code POST /tasks/batch}, {@value #BATCH_SIZE} tasks per call, one call after another. */
    private Batch enqueueBatchesThroughRest(String payload, int tasks) {
        JsonObject task;
        try (var reader = Json.createReader(new StringReader(taskBody(payload)))) {
            task = reader.readObject();
        }
        List<String> ids = new ArrayList<>(tasks);
        long start = System.nanoTime();
        for (int from = 0; from < tasks; from += BATCH_SIZE) {
            Reply reply = api.submitBatch(Collections.nCopies(Math.min(BATCH_SIZE, tasks - from), task));
            if (reply.status() != 202) {
                throw new IllegalStateException("batch refused: " + reply.status() + " " + reply.body());
            }
            reply.json().getJsonArray("tasks").getValuesAs(JsonObject.class).forEach(r -> ids.add(r.getString("id")));
        }
        return new Batch(ids, (System.nanoTime() - start) / 1e9);
    }

    /** Enqueues through the probe's batch loop: {@code TaskQueue.submitAll}, {@value #BATCH_SIZE} tasks per call. */
    private Batch enqueueBatchesThroughEjb(String payload, int tasks) {
        return inChunks(
                tasks,
                count -> probe.post("enqueue-batch?tasks=" + count + "&batch=" + BATCH_SIZE + "&threads=1", payload));
    }

    /**
     * CPU time used so far by the server JVM and by Redis. CPU per task is less disturbed than rates by other load
     * on a shared machine, so it is the figure to compare changes by.
     */
    private Cpu cpu() {
        return new Cpu(probe.get("heap").getJsonNumber("cpuNanos").longValue(), records.cpuSeconds());
    }

    private final class Cpu {
        private final long serverNanos;
        private final double redisSeconds;

        Cpu(long serverNanos, double redisSeconds) {
            this.serverNanos = serverNanos;
            this.redisSeconds = redisSeconds;
        }

        /** Returns the server CPU used since this reading, in microseconds per item. */
        double serverMicrosPer(int items) {
            return (cpu().serverNanos - serverNanos) / 1e3 / items;
        }

        /** Returns the Redis CPU used since this reading, in microseconds per item. */
        double redisMicrosPer(int items) {
            return (records.cpuSeconds() - redisSeconds) * 1e6 / items;
        }
    }

    /** Enqueues through the probe's EJB loop, {@value #PRODUCERS} threads calling {@code TaskQueue.enqueue}. */
    private Batch enqueueThroughEjb(String payload, int tasks) {
        return inChunks(tasks, count -> probe.post("enqueue?tasks=" + count + "&threads=" + PRODUCERS, payload));
    }

    /**
     * Enqueues {@code tasks} by probe calls of at most {@value #ENQUEUE_CHUNK}, so that progress shows and answers
     * (every id) stay small on the server's heap; the time is the sum of the calls' own.
     */
    private Batch inChunks(int tasks, IntFunction<JsonObject> call) {
        List<String> ids = new ArrayList<>(tasks);
        double seconds = 0;
        for (int from = 0; from < tasks; from += ENQUEUE_CHUNK) {
            int count = Math.min(ENQUEUE_CHUNK, tasks - from);
            JsonObject r = call.apply(count);
            r.getJsonArray("ids").getValuesAs(JsonString.class).forEach(id -> ids.add(id.getString()));
            seconds += r.getJsonNumber("seconds").doubleValue();
            if (tasks > ENQUEUE_CHUNK) {
                say("  enqueued %,d/%,d", from + count, tasks);
            }
        }
        return new Batch(ids, seconds);
    }

    private List<TaskRecords.Task> awaitAll(String what, List<String> ids, long completedBefore) {
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalStateException(what + ": duplicate task ids");
        }
        AtomicLong lastSaid = new AtomicLong(System.nanoTime());
        List<TaskRecords.Task> done =
                records.awaitCompleted(ids, completedBefore, Duration.ofSeconds(120 + ids.size() / 20), count -> {
                    if (System.nanoTime() - lastSaid.get() > 2_000_000_000L) {
                        lastSaid.set(System.nanoTime());
                        say("  %s: %,d/%,d completed", what, count, ids.size());
                    }
                });
        if (done.size() != ids.size()) {
            throw new IllegalStateException(what + ": " + done.size() + " records for " + ids.size() + " tasks");
        }
        return done;
    }

    /** Empties the benchmark Redis between workloads, so each starts clean (only on bench/run's own Redis). */
    private void prepare() {
        if (flushRedis) {
            records.flushAll();
        }
    }

    /** Puts {@code rate} as a ratio to this run's raw-JMS ceiling under {@code name}, when the ceiling ran. */
    private static void ratio(Map<String, Double> m, String rate, String name) {
        Double ceiling = m.get("ceiling.rate");
        if (ceiling != null) {
            m.put(name, m.get(rate) / ceiling);
        }
    }

    /** Builds the body of {@code POST /tasks} for a job.v1 task with the given payload. */
    static String taskBody(String payload) {
        return "{\"contract\":\"agentqueue.job.v1\",\"payload\":" + payload + "}";
    }

    private static String accepted(Reply reply) {
        if (reply.status() != 202) {
            throw new IllegalStateException("enqueue refused: " + reply.status() + " " + reply.body());
        }
        return reply.taskId();
    }

    private static void parallel(int threads, Runnable body) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> runs = IntStream.range(0, threads)
                    .mapToObj(i -> CompletableFuture.runAsync(body, pool))
                    .toList();
            CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0])).join();
        } finally {
            pool.shutdown();
        }
    }

    private static double seconds(long fromMillis, long toMillis) {
        return Math.max(1, toMillis - fromMillis) / 1000.0;
    }

    private static long minCreated(List<TaskRecords.Task> tasks) {
        return tasks.stream().mapToLong(TaskRecords.Task::createdAt).min().orElseThrow();
    }

    private static long minStarted(List<TaskRecords.Task> tasks) {
        return tasks.stream().mapToLong(TaskRecords.Task::startedAt).min().orElseThrow();
    }

    private static long maxFinished(List<TaskRecords.Task> tasks) {
        return lastFinished(tasks).finishedAt();
    }

    private static TaskRecords.Task lastFinished(List<TaskRecords.Task> tasks) {
        return tasks.stream()
                .max(Comparator.comparingLong(TaskRecords.Task::finishedAt))
                .orElseThrow();
    }

    private void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }

    private static String noopPayload() {
        String empty = "{\"job_type\":\"echo\",\"arguments\":{\"text\":\"\"}}";
        String text = "x".repeat(PAYLOAD_BYTES - empty.length());
        return "{\"job_type\":\"echo\",\"arguments\":{\"text\":\"" + text + "\"}}";
    }
}
