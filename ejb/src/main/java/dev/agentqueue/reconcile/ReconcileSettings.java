package dev.agentqueue.reconcile;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often the reconciler looks for lost task messages, how late a task must be, how many it takes per pass, and up
 * to which depth of the task queue it browses the broker for them.
 */
@ApplicationScoped
public class ReconcileSettings {

    public static final String DEFAULT_INTERVAL = "60s";
    public static final String DEFAULT_GRACE = "5m";
    public static final int DEFAULT_BATCH = 1000;
    public static final int DEFAULT_SCAN_LIMIT = 10_000;
    /** About 7 s of browsing paged messages per pass on two cores (150 µs a message). */
    public static final long DEFAULT_MAX_BROWSE_DEPTH = 50_000;

    @Inject
    @ConfigProperty(name = "agentqueue.reconcile.interval", defaultValue = DEFAULT_INTERVAL)
    String interval;

    @Inject
    @ConfigProperty(name = "agentqueue.reconcile.grace", defaultValue = DEFAULT_GRACE)
    String grace;

    @Inject
    @ConfigProperty(name = "agentqueue.reconcile.batch", defaultValue = "" + DEFAULT_BATCH)
    int batch;

    @Inject
    @ConfigProperty(name = "agentqueue.reconcile.scan-limit", defaultValue = "" + DEFAULT_SCAN_LIMIT)
    int scanLimit;

    @Inject
    @ConfigProperty(name = "agentqueue.reconcile.max-browse-depth", defaultValue = "" + DEFAULT_MAX_BROWSE_DEPTH)
    long maxBrowseDepth;

    /** Returns the time between passes; zero turns the reconciler off. */
    public Duration interval() {
        return Durations.parse(interval);
    }

    /** Returns how long past its due moment a task must be before its message counts as lost. */
    public Duration grace() {
        return Durations.parse(grace);
    }

    /** Returns the most lost-message candidates one pass checks against the broker. */
    public int batch() {
        return batch;
    }

    /** Returns the most index entries one pass reads per state. */
    public int scanLimit() {
        return scanLimit;
    }

    /** Returns the most messages the task queue may hold for a pass to browse it; deeper, the pass defers. */
    public long maxBrowseDepth() {
        return maxBrowseDepth;
    }
}
