package dev.agentqueue.breaker;

/** A single-threaded Java model of the breaker-record script, to check what Redis computed under concurrency. */
final class BreakerModel {

    private final BreakerParameters parameters;
    private BreakerState state = BreakerState.CLOSED;
    private final StringBuilder window = new StringBuilder();
    private long openedAt;
    private int probeSuccesses;
    long calls;
    long successes;
    long failures;
    long opens;

    BreakerModel(BreakerParameters parameters) {
        this.parameters = parameters;
    }

    BreakerState record(boolean success, long now) {
        calls++;
        if (success) {
            successes++;
        } else {
            failures++;
        }
        if (state == BreakerState.OPEN && now >= openedAt + parameters.delay().toMillis()) {
            state = BreakerState.HALF_OPEN;
            probeSuccesses = 0;
        }
        if (state == BreakerState.CLOSED) {
            window.append(success ? 's' : 'f');
            if (window.length() > parameters.requestVolumeThreshold()) {
                window.deleteCharAt(0);
            }
            long failed = window.chars().filter(c -> c == 'f').count();
            if (window.length() >= parameters.requestVolumeThreshold()
                    && failed >= parameters.failureRatio() * window.length()) {
                open(now);
            }
        } else if (state == BreakerState.HALF_OPEN) {
            if (!success) {
                open(now);
            } else if (++probeSuccesses >= parameters.successThreshold()) {
                state = BreakerState.CLOSED;
                window.setLength(0);
            }
        }
        return state;
    }

    private void open(long now) {
        state = BreakerState.OPEN;
        openedAt = now;
        window.setLength(0);
        opens++;
    }

    BreakerState state() {
        return state;
    }
}
