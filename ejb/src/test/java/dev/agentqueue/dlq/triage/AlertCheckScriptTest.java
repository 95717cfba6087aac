package dev.agentqueue.dlq.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.redis.LuaScript;
import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert check's Lua script and the group triage state against a real redis-server. */
class AlertCheckScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final LuaScript CHECK = LuaScript.load("dlq-alert-check");
    private static final String FINGERPRINT = "0123456789abcdef";
    private static final long WINDOW_START = 1_700_000_000_000L;

    private RedisGateway redis;
    private GroupTriage triage;

    @BeforeEach
    void connect() {
        redis = RedisGateway.of(REDIS.client());
        triage = new GroupTriage();
        triage.redis = redis;
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aNewFingerprintAlertsOnceAndAGroupAlertsOnceWhenItPassesTheThreshold() {
        List<AlertDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            decisions.add(check(FINGERPRINT, WINDOW_START, 3));
        }

        assertThat(decisions)
                .containsExactly(
                        AlertDecision.NEW_FINGERPRINT,
                        AlertDecision.NONE,
                        AlertDecision.NONE,
                        AlertDecision.FAST_GROWTH,
                        AlertDecision.NONE,
                        AlertDecision.NONE,
                        AlertDecision.NONE,
                        AlertDecision.NONE);
        assertThat(triage.find(FINGERPRINT).alerts()).isEqualTo(2);
    }

    @Test
    void theNextWindowCountsAfresh() {
        for (int i = 0; i < 4; i++) {
            check(FINGERPRINT, WINDOW_START, 3);
        }
        List<AlertDecision> next = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            next.add(check(FINGERPRINT, WINDOW_START + 60_000, 3));
        }

        assertThat(next)
                .containsExactly(AlertDecision.NONE, AlertDecision.NONE, AlertDecision.NONE, AlertDecision.FAST_GROWTH);
    }

    @Test
    void aMuteSetBeforeTheFirstLetterSuppressesItsAlertsAndCountsThem() {
        triage.mute(FINGERPRINT, "ops");

        List<AlertDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            decisions.add(check(FINGERPRINT, WINDOW_START, 3));
        }

        assertThat(decisions)
                .containsExactly(AlertDecision.MUTED, AlertDecision.NONE, AlertDecision.NONE, AlertDecision.MUTED);
        TriageState state = triage.find(FINGERPRINT);
        assertThat(state.muted()).isTrue();
        assertThat(state.mutedBy()).isEqualTo("ops");
        assertThat(state.alerts()).isZero();
        assertThat(state.suppressedAlerts()).isEqualTo(2);
        assertThat(state.firstSeenAt()).isNotNull();
    }

    @Test
    void aZeroThresholdTurnsGrowthAlertsOff() {
        check(FINGERPRINT, WINDOW_START, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(check(FINGERPRINT, WINDOW_START, 0)).isEqualTo(AlertDecision.NONE);
        }
    }

    @Test
    void notesAndInvestigationsAreListedUntilTakenOff() {
        triage.note(FINGERPRINT, "provider outage", "ops");
        triage.investigate("fedcba9876543210", "dev");

        assertThat(triage.triaged())
                .extracting(TriageState::fingerprint)
                .containsExactly(FINGERPRINT, "fedcba9876543210");

        triage.note(FINGERPRINT, " ", "ops");
        triage.stopInvestigating("fedcba9876543210");

        assertThat(triage.triaged()).isEmpty();
    }

    private AlertDecision check(String fingerprint, long now, int threshold) {
        long reply = redis.call(r -> CHECK.runForLong(
                r,
                new String[] {RedisKeys.deadLetterGroup(fingerprint), RedisKeys.deadLetterGroupRate(fingerprint, now)},
                Long.toString(now),
                Integer.toString(threshold),
                "60"));
        return AlertDecision.ofScriptReply(reply);
    }
}
