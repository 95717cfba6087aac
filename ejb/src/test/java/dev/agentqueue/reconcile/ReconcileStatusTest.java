package dev.agentqueue.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the reconciler reports of its passes, those that looked in the broker and those that deferred. */
class ReconcileStatusTest {

    private static final Instant AT = Instant.parse("2026-12-07T19:00:00Z");
    private static final Duration TOOK = Duration.ofMillis(4);

    private final ReconcileStatus initial =
            ReconcileStatus.initial(true, Duration.ofSeconds(60), Duration.ofMinutes(5), 50_000);

    @Test
    void aDeferredPassCountsTheTasksItLeftAndWhyButReadsAndReSendsNothing() {
        ReconcileStatus status = initial.deferred(AT, TOOK, 1000, "too deep");

        assertThat(status.passes()).isEqualTo(1);
        assertThat(status.deferredPasses()).isEqualTo(1);
        assertThat(status.checked()).as("records read").isZero();
        assertThat(status.recovered()).isZero();
        assertThat(status.lastDeferred()).isEqualTo(1000);
        assertThat(status.lastDeferredReason()).isEqualTo("too deep");
        assertThat(status.leader()).isTrue();
    }

    @Test
    void aPassThatLooksAgainAfterDeferringClearsTheReasonAndKeepsTheDeferredCount() {
        ReconcileStatus status = initial.deferred(AT, TOOK, 10, "too deep").after(AT.plusSeconds(60), TOOK, 10, 2);

        assertThat(status.passes()).isEqualTo(2);
        assertThat(status.deferredPasses()).isEqualTo(1);
        assertThat(status.recovered()).isEqualTo(2);
        assertThat(status.lastDeferred()).isZero();
        assertThat(status.lastDeferredReason()).isNull();
    }

    @Test
    void aFollowerKeepsItsCountsAndReportsNoLastPassOfItsOwn() {
        ReconcileStatus status = initial.deferred(AT, TOOK, 10, "too deep").follower(AT.plusSeconds(60));

        assertThat(status.leader()).isFalse();
        assertThat(status.deferredPasses()).isEqualTo(1);
        assertThat(status.lastDeferred()).isZero();
        assertThat(status.lastDeferredReason()).isNull();
        assertThat(status.maxBrowseDepth()).isEqualTo(50_000);
    }
}
