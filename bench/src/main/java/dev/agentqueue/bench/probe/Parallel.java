package dev.agentqueue.bench.probe;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one body on N container-managed threads at once and waits for all of them; the first failure is rethrown. */
final class Parallel {

    /** The work of one thread, given its index. */
    interface Body {
        void run(int index) throws Exception;
    }

    private Parallel() {}

    static void run(ManagedThreadFactory threads, int count, Body body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = threads.newThread(() -> {
                try {
                    body.run(index);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            thread.start();
            started.add(thread);
        }
        try {
            for (Thread thread : started) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the probe's threads", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a probe thread failed: " + failure.get(), failure.get());
        }
    }

    /** Returns the share of {@code total} that thread {@code index} of {@code count} handles. */
    static int share(int total, int count, int index) {
        return total / count + (index < total % count ? 1 : 0);
    }
}
