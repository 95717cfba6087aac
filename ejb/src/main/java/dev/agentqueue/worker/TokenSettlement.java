package dev.agentqueue.worker;

import dev.agentqueue.worker.Outcome.Completed;
import dev.agentqueue.worker.Outcome.DeadLettered;
import dev.agentqueue.worker.Outcome.Deferred;
import dev.agentqueue.worker.Outcome.Skipped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.OptionalLong;

/**
 * Decides how many tokens an admitted call is settled with, from the {@link Outcome} of its delivery: the usage a
 * completed attempt reports; nothing for a delivery that never ran its contract; and the whole estimate for an
 * attempt that ran and failed, because a provider may have counted tokens it never reported.
 */
final class TokenSettlement {

    private TokenSettlement() {}

    /** Returns the tokens to settle a call with that reserved {@code estimate}; {@code outcome} null: it threw. */
    static long tokensUsed(Outcome outcome, long estimate) {
        if (outcome instanceof Completed completed) {
            return reported(completed).orElse(estimate);
        }
        if (outcome instanceof Deferred || outcome instanceof Skipped) {
            return 0;
        }
        if (outcome instanceof DeadLettered deadLettered && !deadLettered.ran()) {
            return 0;
        }
        return estimate;
    }

    private static OptionalLong reported(Completed completed) {
        if (completed.result() instanceof JsonObject result
                && result.get("usage") instanceof JsonObject usage
                && usage.get("input_tokens") instanceof JsonNumber input
                && usage.get("output_tokens") instanceof JsonNumber output) {
            return OptionalLong.of(input.longValue() + output.longValue());
        }
        return OptionalLong.empty();
    }
}
