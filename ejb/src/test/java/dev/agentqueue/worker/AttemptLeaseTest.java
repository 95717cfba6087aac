package dev.agentqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The timeout lease of an attempt, on a clock the test moves. */
class AttemptLeaseTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5 * SECOND;

    private final AttemptLease lease =
            new AttemptLease(Duration.ofSeconds(10), Duration.ofSeconds(60), START, 1_000_000);

    @Test
    void anAttemptWithoutHeartbeatsEndsItsTimeoutAfterItStarted() {
        assertThat(lease.endedAt(START + 10 * SECOND - 1)).isFalse();
        assertThat(lease.endedAt(START + 10 * SECOND)).isTrue();
        assertThat(lease.deadline()).isEqualTo(Instant.ofEpochMilli(1_010_000));
    }

    @Test
    void aHeartbeatMovesTheEndToTheTimeoutAfterIt() {
        lease.renew(START + 8 * SECOND);

        assertThat(lease.endedAt(START + 17 * SECOND)).isFalse();
        assertThat(lease.endedAt(START + 18 * SECOND)).isTrue();
        assertThat(lease.deadline()).isEqualTo(Instant.ofEpochMilli(1_018_000));
    }

    @Test
    void heartbeatsNeverMoveTheEndPastTheLongestAttempt() {
        for (long at = START; at < START + 120 * SECOND; at += 5 * SECOND) {
            lease.renew(at);
        }

        assertThat(lease.endedAt(START + 60 * SECOND - 1)).isFalse();
        assertThat(lease.endedAt(START + 60 * SECOND)).isTrue();
    }

    @Test
    void aLongestAttemptShorterThanTheTimeoutLeavesTheTimeoutAsItIs() {
        AttemptLease shortLimit = new AttemptLease(Duration.ofSeconds(10), Duration.ofSeconds(3), START, 0);

        shortLimit.renew(START + 2 * SECOND);

        assertThat(shortLimit.endedAt(START + 10 * SECOND - 1)).isFalse();
        assertThat(shortLimit.endedAt(START + 10 * SECOND)).isTrue();
    }

    @Test
    void theRecordHearsOfHeartbeatsAtMostOnceASecond() {
        assertThat(lease.renew(START + SECOND / 2)).isEqualTo(-1);
        assertThat(lease.renew(START + SECOND)).isEqualTo(1_011_000);
        assertThat(lease.renew(START + SECOND + SECOND / 2)).isEqualTo(-1);
        assertThat(lease.renew(START + 2 * SECOND + SECOND / 2)).isEqualTo(1_012_500);
    }
}
