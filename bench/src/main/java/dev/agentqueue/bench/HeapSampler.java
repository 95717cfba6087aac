package dev.agentqueue.bench;

import jakarta.json.JsonObject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the server's heap through the probe every half second while open, keeping the highest heap used (live
 * and garbage) and the highest heap left after a collection (about the live set).
 */
final class HeapSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 500;

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    HeapSampler(Server server) {
        timer.scheduleAtFixedRate(
                () -> {
                    JsonObject heap = server.probeGet("heap");
                    peakUsed.accumulateAndGet(heap.getJsonNumber("used").longValue(), Math::max);
                    peakAfterGc.accumulateAndGet(
                            heap.getJsonNumber("usedAfterGc").longValue(), Math::max);
                },
                0,
                PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    double peakUsedMiB() {
        return peakUsed.get() / (1024.0 * 1024.0);
    }

    double peakAfterGcMiB() {
        return peakAfterGc.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
