package dev.agentqueue.dlq.triage;

import dev.agentqueue.messaging.DeadLetterLabel;
import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides, for each new dead letter, whether its group raises an alert: one Lua call counts the letter in its group's
 * rate window and tells whether the fingerprint is new, the group outgrew the threshold, or a mute suppressed either.
 * The call runs on the worker's thread (one round trip, like the record write before it), so that the webhook post
 * it may start is handed to the managed executor from a container thread; the post itself never holds the worker up.
 * A failed check is logged and forgotten, never thrown into the worker.
 */
@ApplicationScoped
public class AlertCheck {

    private static final Logger LOG = Logger.getLogger(AlertCheck.class.getName());
    private static final LuaScript CHECK = LuaScript.load("dlq-alert-check");

    @Inject
    RedisGateway redis;

    @Inject
    AlertSettings settings;

    @Inject
    AlertNotifier notifier;

    /** Counts the dead letter {@code label} describes and raises its group's alert when one is due; never throws. */
    public void deadLettered(DeadLetterLabel label) {
        long now = System.currentTimeMillis();
        String fingerprint = label.error().fingerprint();
        long windowMs = settings.growthWindow().toMillis();
        try {
            long reply = redis.call(r -> CHECK.runForLong(
                    r,
                    new String[] {
                        RedisKeys.deadLetterGroup(fingerprint),
                        RedisKeys.deadLetterGroupRate(fingerprint, now - now % windowMs)
                    },
                    Long.toString(now),
                    Integer.toString(settings.growthThreshold()),
                    Long.toString(windowMs / 1000)));
            notifier.decided(AlertDecision.ofScriptReply(reply), label, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DLQ alert check failed for fingerprint " + fingerprint, e);
        }
    }
}
