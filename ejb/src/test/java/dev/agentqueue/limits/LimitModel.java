package dev.agentqueue.limits;

import dev.agentqueue.limits.LimitScripts.Call;
import dev.agentqueue.limits.LimitScripts.Limited;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A single-threaded model of the limit scripts, written from their description (GCRA for requests, a token bucket
 * for tokens, expiring leases for calls, refusals spread one emission interval apart): the scripts must answer
 * every call as it does when the calls are replayed in the order Redis ran them.
 */
final class LimitModel {

    private final Map<String, Scope> scopes = new HashMap<>();

    private static final class Scope {
        double tat;
        Double level;
        double levelAt;
        double returnAt;
        final Map<String, Long> leases = new HashMap<>();
    }

    /** Answers one call as the acquire script should: admitted, or the retry time, scope and dimension. */
    Admission acquire(List<Limited> limited, Call call, long concurrencyRetryMs, long now, long sequence) {
        double[] tats = new double[limited.size()];
        Double[] levels = new Double[limited.size()];
        Admission refusal = null;
        // The script compares the refusals' times before rounding them up, so two scopes that round to the same
        // millisecond still name the later one.
        double refusalAt = 0;
        for (int i = 0; i < limited.size(); i++) {
            Scope s = scopes.computeIfAbsent(limited.get(i).scope().name(), n -> new Scope());
            LimitParameters p = limited.get(i).parameters();
            double burst = p.burst().toMillis();
            Double retry = null;
            String dimension = null;
            double spacing = 0;
            tats[i] = -1;
            if (p.requestsPerMinute() > 0) {
                double interval = 60000.0 / p.requestsPerMinute();
                double tolerance = Math.max(0, Math.floor(p.requestsPerMinute() * burst / 60000) - 1) * interval;
                double tat = Math.max(s.tat, now);
                if (tat - now > tolerance) {
                    retry = tat - tolerance;
                    dimension = "requests";
                    spacing = interval;
                } else {
                    tats[i] = tat + interval;
                }
            }
            if (p.tokensPerMinute() > 0 && retry == null) {
                double capacity = Math.max(1, p.tokensPerMinute() * burst / 60000);
                double level = s.level == null ? capacity : s.level;
                double levelAt = s.level == null ? now : s.levelAt;
                level = Math.min(capacity, level + Math.max(0, now - levelAt) * p.tokensPerMinute() / 60000);
                double need = Math.min(call.estimatedTokens(), capacity);
                if (level < need) {
                    retry = now + (need - level) * 60000 / p.tokensPerMinute();
                    dimension = "tokens";
                    spacing = call.estimatedTokens() * 60000.0 / p.tokensPerMinute();
                } else {
                    levels[i] = level - call.estimatedTokens();
                }
            }
            if (p.concurrentCalls() > 0 && retry == null) {
                s.leases.values().removeIf(expiry -> expiry <= now);
                if (s.leases.size() >= p.concurrentCalls()) {
                    retry = (double) (now + concurrencyRetryMs);
                    dimension = "calls";
                }
            }
            if (retry != null) {
                double returnAt = Math.max(retry, s.returnAt);
                s.returnAt = lua(returnAt + spacing);
                if (refusal == null || returnAt > refusalAt) {
                    refusalAt = returnAt;
                    refusal = new Admission(
                            false,
                            sequence,
                            (long) Math.ceil(returnAt),
                            limited.get(i).scope().name(),
                            dimension);
                }
            }
        }
        if (refusal != null) {
            return refusal;
        }
        for (int i = 0; i < limited.size(); i++) {
            Scope s = scopes.get(limited.get(i).scope().name());
            if (tats[i] >= 0) {
                s.tat = lua(tats[i]);
            }
            if (levels[i] != null) {
                s.level = lua(levels[i]);
                s.levelAt = now;
            }
            if (limited.get(i).parameters().concurrentCalls() > 0) {
                s.leases.put(call.leaseId(), call.leaseUntilMs());
            }
        }
        return new Admission(true, sequence, 0, null, null);
    }

    /** Redis keeps a Lua number as text with 14 significant digits. */
    private static double lua(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.14g", value));
    }
}
