package dev.agentqueue.bench;

import jakarta.json.JsonObject;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
    private final AtomicLong phasePeakAfterGc = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledFuture<?> sampling;

    HeapSampler(Probe probe) {
        sampling = timer.scheduleAtFixedRate(
                () -> {
                    JsonObject heap = probe.get("heap");
                    peakUsed.accumulateAndGet(heap.getJsonNumber("used").longValue(), Math::max);
                    long afterGc = heap.getJsonNumber("usedAfterGc").longValue();
                    peakAfterGc.accumulateAndGet(afterGc, Math::max);
                    phasePeakAfterGc.accumulateAndGet(afterGc, Math::max);
                },
                0,
                PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    double peakUsedMiB() {
        checkSampling();
        return peakUsed.get() / (1024.0 * 1024.0);
    }

    double peakAfterGcMiB() {
        checkSampling();
        return peakAfterGc.get() / (1024.0 * 1024.0);
    }

    /** Returns the highest heap after a collection since the last call (or since sampling began), and starts anew. */
    double phasePeakAfterGcMiB() {
        checkSampling();
        return phasePeakAfterGc.getAndSet(0) / (1024.0 * 1024.0);
    }

    /** A failed sample ends the sampling; then the peaks would be too low, so the workload fails instead. */
    private void checkSampling() {
        if (sampling.isDone()) {
            try {
                sampling.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("heap sampling failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException | CancellationException e) {
                throw new IllegalStateException("heap sampling stopped early", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
