package dev.agentqueue.testsupport.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Checks the calls a fake provider recorded against per-minute limits: the most calls or tokens that arrived within
 * any window of a given length, against what the limits let through in such a window.
 */
public final class CallWindows {

    /**
     * The calls a window may see beyond its allowance: the limiter counts a call at its admission and the provider at
     * its arrival, and a settlement gives back what an estimate reserved beyond the usage.
     */
    public static final int SLACK_CALLS = 2;

    private CallWindows() {}

    /**
     * Returns every window of {@code windowsMs} in which {@code calls} saw more requests or tokens than limits of
     * {@code requestsPerMinute} and {@code tokensPerMinute} (0: none) with a burst of {@code burstMs} let through, by
     * more than {@link #SLACK_CALLS} calls; empty when they kept the limits.
     */
    public static List<String> overruns(
            List<FakeOpenAi.Call> calls,
            long requestsPerMinute,
            long tokensPerMinute,
            long burstMs,
            long... windowsMs) {
        long largest = calls.stream().mapToLong(FakeOpenAi.Call::tokens).max().orElse(0);
        List<String> overruns = new ArrayList<>();
        for (long window : windowsMs) {
            long requests = most(calls, window, call -> 1);
            long allowed = allowance(requestsPerMinute, burstMs, window) + SLACK_CALLS;
            if (requestsPerMinute > 0 && requests > allowed) {
                overruns.add(requests + " requests in " + window + " ms, allowed " + allowed);
            }
            long tokens = most(calls, window, FakeOpenAi.Call::tokens);
            long allowedTokens = allowance(tokensPerMinute, burstMs, window) + SLACK_CALLS * largest;
            if (tokensPerMinute > 0 && tokens > allowedTokens) {
                overruns.add(tokens + " tokens in " + window + " ms, allowed " + allowedTokens);
            }
        }
        return overruns;
    }

    /** Returns the most {@code weight} of {@code calls} arriving within any {@code windowMs}. */
    public static long most(List<FakeOpenAi.Call> calls, long windowMs, ToLongFunction<FakeOpenAi.Call> weight) {
        List<FakeOpenAi.Call> sorted = calls.stream()
                .sorted(Comparator.comparingLong(FakeOpenAi.Call::arrivedMs))
                .toList();
        long most = 0;
        long sum = 0;
        int first = 0;
        for (FakeOpenAi.Call call : sorted) {
            sum += weight.applyAsLong(call);
            while (call.arrivedMs() - sorted.get(first).arrivedMs() >= windowMs) {
                sum -= weight.applyAsLong(sorted.get(first++));
            }
            most = Math.max(most, sum);
        }
        return most;
    }

    /** Returns what a limit of {@code perMinute} lets through in {@code windowMs}: a burst, then its steady rate. */
    private static long allowance(long perMinute, long burstMs, long windowMs) {
        return perMinute * burstMs / 60_000 + perMinute * windowMs / 60_000;
    }
}
